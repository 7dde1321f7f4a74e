// Deliberately wrong uses of the wc.* globals. `tsc -p web/test/types-fail`
// must reject this file with an error on exactly the lines marked
// "expect-error" and nowhere else (checked by web/test/types.test.js).

// Right: these compile.
const okNotes: Promise<void> = wc.wcBlocksData.dispatch(wc.wcBlocksData.checkoutStore).__internalSetOrderNotes('leave at door');
const okStatus: WcCheckout.CheckoutStatus = wc.wcBlocksData.select('wc/store/checkout').getCheckoutStatus();
const okUnsub: () => void = wc.blocksCheckoutEvents.eventRegistration.onPaymentSetup((_payload, ctx) => {
  ctx.signal.addEventListener('abort', () => undefined);
  return { type: 'success', meta: { paymentMethodData: { a: 1 } } };
}, 5, { label: 'ok', timeoutMs: 1000 });

// Wrong: each line below must fail.
wc.wcBlocksData.dispatch('wc/store/checkout').__internalSetOrderNotes(42); // expect-error: D34 string argument
wc.wcBlocksData.select('wc/store/nope'); // expect-error: unknown store key
wc.wcBlocksData.select(wc.wcBlocksData.cartStore).isComplete(); // expect-error: checkout selector on the cart store
wc.blocksCheckoutEvents.eventRegistration.onPaymentSetup('not a function'); // expect-error: callback must be a function
wc.blocksCheckoutEvents.checkoutEvents.onCheckoutFail(() => undefined, '10'); // expect-error: priority is a number
wc.blocksCheckoutEvents.eventRegistration.onCheckoutSuccess(() => undefined, 10, { label: 7 }); // expect-error: label is a string
wc.wcBlocksRegistry.registerPaymentMethod({ name: 'x', canMakePayment: true }); // expect-error: content is required
wc.wcBlocksRegistry.registerPaymentMethod({ name: 'x', content: () => '', canMakePayment: 'yes' }); // expect-error: canMakePayment type
wc.wcCheckoutWasm.load({ wasmUrl: 1 }); // expect-error: wasmUrl is a string
wc.wcCheckoutWasm.onSubmit().then((o) => o.outcome === 'success'); // expect-error: outcome has no 'success'
const badStatus: WcCheckout.CheckoutStatus = 'before-processing'; // expect-error: D1 underscores
wc.blocksCheckoutEvents.emitResponse.responseTypes.FAIL = 'fail'; // expect-error: readonly constant
wc.blocksCheckoutEvents.eventRegistration.onAttemptSettled((o) => o.orderId.toUpperCase()); // expect-error: orderId is a number

export { okNotes, okStatus, okUnsub, badStatus };
