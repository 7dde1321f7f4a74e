package observer_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/wcblocks/checkoutwasm/core/observer"
	"github.com/wcblocks/checkoutwasm/core/trace"
	"github.com/wcblocks/checkoutwasm/core/value"
)

// An abortable emit (payment setup): untyped values are skipped, a success
// response is kept, and the first error response stops the emission.
func ExampleEmitter_EmitWithAbort() {
	reg := observer.NewRegistry()
	reg.Add(observer.PaymentSetup, func(ctx context.Context, data any) (any, error) {
		return value.NewObject("type", observer.TypeSuccess,
			"meta", value.NewObject("paymentMethodData", value.NewObject("token", "tok_1"))), nil
	}, 10, observer.Options{Label: "card"})
	reg.Add(observer.PaymentSetup, func(ctx context.Context, data any) (any, error) {
		return value.Undef, nil // an analytics observer returning nothing
	}, 5, observer.Options{Label: "analytics"})
	reg.Add(observer.PaymentSetup, func(ctx context.Context, data any) (any, error) {
		return value.NewObject("type", observer.TypeError, "message", "Card declined"), nil
	}, 20, observer.Options{Label: "fraud-check"})
	reg.Add(observer.PaymentSetup, func(ctx context.Context, data any) (any, error) {
		return nil, errors.New("never called")
	}, 30, observer.Options{})

	log := trace.NewLog(10)
	em := &observer.Emitter{Registry: reg, Trace: log.Add}
	out := em.EmitWithAbort(observer.WithAttempt(context.Background(), "a1"), observer.PaymentSetup, value.NewObject())

	for _, r := range out.Responses {
		fmt.Println("response:", r.Get("type"), observer.IsErrorResponse(r), observer.ShouldRetry(r))
	}
	for _, r := range log.Records() {
		fmt.Println("trace:", r.AttemptID, r.Label, r.Priority, r.Result)
	}
	// Output:
	// response: success false true
	// response: error true true
	// trace: a1 analytics 5 none
	// trace: a1 card 10 success
	// trace: a1 fraud-check 20 error
}

// A plain emit (checkout validation) with a page-wide budget: a throw is
// logged and the next observer still runs; a timed-out observer counts as
// having returned {type:'error', message}.
func ExampleEmitter_Emit() {
	reg := observer.NewRegistry()
	reg.Add(observer.CheckoutValidation, func(ctx context.Context, data any) (any, error) {
		return nil, errors.New("boom")
	}, 0, observer.Options{Label: "buggy"})
	reg.Add(observer.CheckoutValidation, func(ctx context.Context, data any) (any, error) {
		<-ctx.Done() // waits for its budget, then gives up
		return value.Undef, ctx.Err()
	}, 10, observer.Options{Label: "slow"})
	reg.Add(observer.CheckoutValidation, func(ctx context.Context, data any) (any, error) {
		return true, nil
	}, 10, observer.Options{Label: "terms"})

	em := &observer.Emitter{
		Registry: reg,
		Timeouts: map[observer.Event]time.Duration{observer.CheckoutValidation: 10 * time.Millisecond},
		LogError: func(msg string, err error) { fmt.Println("console.error:", msg, err) },
	}
	out := em.Emit(context.Background(), observer.CheckoutValidation, value.NewObject())
	for _, c := range out.Calls {
		fmt.Println(c.Sub.Label, c.Result(), value.String(c.Value))
	}
	fmt.Println("timed out:", out.TimedOut)
	fmt.Println(value.AsObject(out.Calls[1].Value).Get("message"))
	// Output:
	// console.error: buggy (checkout_validation observer) threw boom
	// buggy throw undefined
	// slow timeout [object Object]
	// terms none true
	// timed out: true
	// slow did not respond within 10 ms
}

// Registration names as JS sees them, including the D11 aliases.
func ExampleLookup() {
	for _, name := range []string{"onPaymentSetup", "onPaymentProcessing", "onNothing"} {
		ev, deprecated, ok := observer.Lookup(name)
		fmt.Println(name, ev, deprecated, ok)
	}
	cur, _ := observer.Replacement("onPaymentProcessing")
	fmt.Println("use", cur)
	// Output:
	// onPaymentSetup payment_setup false true
	// onPaymentProcessing payment_setup true true
	// onNothing  false false
	// use onPaymentSetup
}

// Unsubscribing removes exactly one registration; doing it twice is harmless.
func ExampleRegistry_Add() {
	reg := observer.NewRegistry()
	noop := func(ctx context.Context, data any) (any, error) { return value.Undef, nil }
	off := reg.Add(observer.CheckoutFail, noop, 10, observer.Options{})
	reg.Add(observer.CheckoutFail, noop, 10, observer.Options{Label: "kept"})
	off()
	off()
	for _, s := range reg.Sorted(observer.CheckoutFail) {
		fmt.Println(s.ID, s.Label, s.Priority)
	}
	// Output:
	// 2 kept 10
}

func ExampleShouldRetry() {
	fmt.Println(observer.ShouldRetry(value.NewObject("type", "error")))
	fmt.Println(observer.ShouldRetry(value.NewObject("type", "error", "retry", false)))
	fmt.Println(observer.ShouldRetry(value.NewObject("type", "error", "retry", "no")))
	// Output:
	// true
	// false
	// false
}
