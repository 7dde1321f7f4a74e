// Type declarations for web/checkout.js: the wc.* globals a checkout page and
// its payment-method scripts see (shared/spec/js-api.md). Types live in the
// global namespace `WcCheckout`; the value is the global `wc`.
//
// Use from a checked JS file with a triple-slash reference or a tsconfig that
// includes this file:
//   /// <reference path="../checkout.d.ts" />

declare namespace WcCheckout {
  // ---- strings (ref §1, D1, D3, D4) --------------------------------------
  /** D1, D2: the initial status is 'pristine'. */
  type CheckoutStatus = 'pristine' | 'idle' | 'before_processing' | 'processing' | 'after_processing' | 'complete';
  /** D3, ref §1.3. */
  type PaymentStatus = 'idle' | 'express_started' | 'processing' | 'ready' | 'has_error';

  type CheckoutStoreKey = 'wc/store/checkout';
  type PaymentStoreKey = 'wc/store/payment';
  type ValidationStoreKey = 'wc/store/validation';
  type CartStoreKey = 'wc/store/cart';
  type NoticesStoreKey = 'core/notices';

  interface ResponseTypes {
    readonly SUCCESS: 'success';
    readonly FAIL: 'failure';
    readonly ERROR: 'error';
  }
  type ResponseType = ResponseTypes[keyof ResponseTypes];

  /** ref §1.6, in declaration order. */
  interface NoticeContexts {
    readonly CART: 'wc/cart';
    readonly CHECKOUT: 'wc/checkout';
    readonly PAYMENTS: 'wc/checkout/payments';
    readonly EXPRESS_PAYMENTS: 'wc/checkout/express-payments';
    readonly CONTACT_INFORMATION: 'wc/checkout/contact-information';
    readonly SHIPPING_ADDRESS: 'wc/checkout/shipping-address';
    readonly BILLING_ADDRESS: 'wc/checkout/billing-address';
    readonly SHIPPING_METHODS: 'wc/checkout/shipping-methods';
    readonly CHECKOUT_ACTIONS: 'wc/checkout/checkout-actions';
  }
  type NoticeContext = NoticeContexts[keyof NoticeContexts] | 'global' | (string & {});

  // ---- data shapes ---------------------------------------------------------
  /** Store API address fields; a snapshot may hold any subset ({} by default). */
  interface ShippingAddress {
    first_name?: string;
    last_name?: string;
    company?: string;
    address_1?: string;
    address_2?: string;
    city?: string;
    state?: string;
    postcode?: string;
    country?: string;
    phone?: string;
    [field: string]: unknown;
  }
  interface BillingAddress extends ShippingAddress {
    email?: string;
  }
  interface CustomerData {
    readonly billingAddress: Readonly<BillingAddress>;
    readonly shippingAddress: Readonly<ShippingAddress>;
  }

  interface ShippingRate {
    rate_id: string;
    method_id: string;
    instance_id?: number;
    name?: string;
    description?: string;
    price?: string;
    selected: boolean;
    [field: string]: unknown;
  }
  interface ShippingPackage {
    package_id: number | string;
    name?: string;
    shipping_rates: ShippingRate[];
    [field: string]: unknown;
  }
  interface CartError {
    code: string;
    message: string;
    data?: unknown;
  }
  /** ref §13. */
  interface ShippingErrorStatus {
    readonly isPristine: boolean;
    readonly isValid: boolean;
    readonly hasInvalidAddress: boolean;
    readonly hasError: boolean;
  }

  /** Namespace -> key -> value (ref §2.2 __internalSetExtensionData). */
  type ExtensionData = Record<string, Record<string, unknown>>;

  /** Raw checkout state, ref §2.1 field names. */
  interface CheckoutState {
    readonly redirectUrl: string;
    readonly status: CheckoutStatus;
    readonly hasError: boolean;
    readonly orderId: number;
    readonly customerId: number;
    readonly calculatingCount: number;
    readonly orderNotes: string;
    readonly useShippingAsBilling: boolean;
    readonly shouldCreateAccount: boolean;
    readonly prefersCollection: boolean | undefined;
    readonly extensionData: Readonly<ExtensionData>;
  }

  /** Name -> {name}: the available payment method maps (ref §3.1). */
  type AvailablePaymentMethods = Record<string, { name: string; [field: string]: unknown }>;

  interface SavedPaymentMethod {
    method: { gateway: string; last4?: string; brand?: string };
    expires?: string;
    is_default?: boolean;
    tokenId: number | string;
    actions?: Record<string, unknown>;
  }
  /** Saved method type (e.g. 'cc') -> saved methods. */
  type SavedPaymentMethods = Record<string, SavedPaymentMethod[]>;

  /** ref §10. */
  interface PaymentResult {
    readonly message: string;
    readonly paymentStatus: string;
    readonly redirectUrl: string;
    readonly paymentDetails: Readonly<Record<string, string>>;
  }

  /** Deprecated getCurrentStatus() result (ref §3.3). */
  interface PaymentCurrentStatus {
    readonly isPristine: boolean;
    readonly isIdle: boolean;
    readonly isStarted: boolean;
    readonly isProcessing: boolean;
    readonly isFinished: boolean;
    readonly hasError: boolean;
    readonly hasFailed: boolean;
    readonly isSuccessful: boolean;
    readonly isDoingExpressPayment: boolean;
  }

  /** Raw payment state, ref §3.1 field names. */
  interface PaymentState {
    readonly status: PaymentStatus;
    readonly activePaymentMethod: string;
    readonly activeSavedToken: string;
    readonly availablePaymentMethods: Readonly<AvailablePaymentMethods>;
    readonly availableExpressPaymentMethods: Readonly<AvailablePaymentMethods>;
    readonly savedPaymentMethods: Readonly<SavedPaymentMethods>;
    readonly paymentMethodData: unknown;
    readonly paymentResult: PaymentResult | null;
    readonly paymentMethodsInitialized: boolean;
    readonly expressPaymentMethodsInitialized: boolean;
    readonly shouldSavePaymentMethod: boolean;
  }

  /** ref §4. */
  interface ValidationError {
    message: string;
    hidden: boolean;
  }
  type ValidationErrors = Record<string, ValidationError>;

  type NoticeStatus = 'success' | 'info' | 'warning' | 'error';
  interface Notice {
    readonly id: string;
    readonly status: NoticeStatus;
    readonly content: string;
    readonly context: string;
    readonly isDismissible: boolean;
    readonly type: 'default';
  }
  interface CreateNoticeOptions {
    id?: string;
    context?: string;
    isDismissible?: boolean;
  }

  // ---- selectors ---------------------------------------------------------------
  // Selectors read the latest frozen snapshot Go published; they never call
  // into Go, and two calls with no publication in between return the same
  // references. Returned objects are frozen.

  /** ref §2.3. */
  interface CheckoutSelectors {
    getCheckoutStatus(): CheckoutStatus;
    isIdle(): boolean;
    isComplete(): boolean;
    isBeforeProcessing(): boolean;
    isProcessing(): boolean;
    isAfterProcessing(): boolean;
    hasError(): boolean;
    hasOrder(): boolean;
    isCalculating(): boolean;
    getOrderId(): number;
    getCustomerId(): number;
    getOrderNotes(): string;
    getRedirectUrl(): string;
    getUseShippingAsBilling(): boolean;
    getShouldCreateAccount(): boolean;
    getExtensionData(): Readonly<ExtensionData>;
    prefersCollection(): boolean | undefined;
  }

  /** ref §3.3. */
  interface PaymentSelectors {
    isPaymentIdle(): boolean;
    isExpressPaymentStarted(): boolean;
    isPaymentProcessing(): boolean;
    isPaymentReady(): boolean;
    hasPaymentError(): boolean;
    /** @deprecated use isPaymentIdle (D3; warns once). */
    isPaymentPristine(): boolean;
    /** @deprecated use isExpressPaymentStarted (D3; warns once). */
    isPaymentStarted(): boolean;
    /** @deprecated use isPaymentReady (D3; warns once). */
    isPaymentSuccess(): boolean;
    /** @deprecated use hasPaymentError (D3; warns once). */
    isPaymentFailed(): boolean;
    /** @deprecated use the individual status selectors (D3; warns once). */
    getCurrentStatus(): PaymentCurrentStatus;
    isExpressPaymentMethodActive(): boolean;
    getActiveSavedToken(): string;
    getActivePaymentMethod(): string;
    getAvailablePaymentMethods(): Readonly<AvailablePaymentMethods>;
    getAvailableExpressPaymentMethods(): Readonly<AvailablePaymentMethods>;
    getPaymentMethodData(): unknown;
    getSavedPaymentMethods(): Readonly<SavedPaymentMethods>;
    getActiveSavedPaymentMethods(): Readonly<SavedPaymentMethods>;
    /** id -> title. */
    getIncompatiblePaymentMethods(): Readonly<Record<string, string>>;
    getShouldSavePaymentMethod(): boolean;
    getPaymentResult(): PaymentResult | null;
    paymentMethodsInitialized(): boolean;
    expressPaymentMethodsInitialized(): boolean;
    getState(): PaymentState;
  }

  /** ref §4. */
  interface ValidationSelectors {
    getValidationError(id: string): Readonly<ValidationError> | undefined;
    /** 'validate-error-' + id, or undefined when the error is absent or hidden. */
    getValidationErrorId(id: string): string | undefined;
    hasValidationErrors(): boolean;
  }

  interface NoticesSelectors {
    /** Notices of a context (default 'global'); a shared frozen empty array when there are none. */
    getNotices(context?: NoticeContext): readonly Notice[];
  }

  /** The cart subset of js-api.md. */
  interface CartSelectors {
    getCustomerData(): CustomerData;
    getNeedsPayment(): boolean;
    getNeedsShipping(): boolean;
    getShippingRates(): readonly ShippingPackage[];
    isAddressFieldsForShippingRatesUpdating(): boolean;
    isShippingRateBeingSelected(): boolean;
    getCartErrors(): readonly CartError[];
    getShippingErrorStatus(): ShippingErrorStatus;
  }

  // ---- actions -------------------------------------------------------------
  // Every action returns a Promise that resolves after the change and every
  // reaction it triggers have run. Before the module is ready the call is
  // queued and replayed in order. After ready, an argument of the wrong type
  // throws a TypeError synchronously (D34); a queued call whose arguments
  // Go rejects at replay rejects its Promise with that TypeError.

  /** ref §2.2, §2.4. */
  interface CheckoutActions {
    __internalSetIdle(): Promise<void>;
    __internalSetRedirectUrl(url: string): Promise<void>;
    __internalSetComplete(data?: { redirectUrl?: string; [field: string]: unknown }): Promise<void>;
    __internalSetProcessing(): Promise<void>;
    __internalSetBeforeProcessing(): Promise<void>;
    __internalSetAfterProcessing(): Promise<void>;
    __internalSetHasError(hasError?: boolean): Promise<void>;
    __internalIncrementCalculating(): Promise<void>;
    __internalDecrementCalculating(): Promise<void>;
    __internalSetCustomerId(customerId: number): Promise<void>;
    __internalSetUseShippingAsBilling(useShippingAsBilling: boolean): Promise<void>;
    __internalSetShouldCreateAccount(shouldCreateAccount: boolean): Promise<void>;
    setPrefersCollection(prefersCollection: boolean): Promise<void>;
    __internalSetOrderNotes(orderNotes: string): Promise<void>;
    __internalSetExtensionData(namespace: string, data: Record<string, unknown>, replace?: boolean): Promise<void>;
    /** ref §2.4, §10: a Store API checkout response body -> redirect URL, payment result, after_processing. */
    __internalProcessCheckoutResponse(response: Record<string, unknown>): Promise<void>;
  }

  /** ref §3.4. */
  interface PaymentActions {
    __internalSetPaymentIdle(): Promise<void>;
    __internalSetExpressPaymentStarted(): Promise<void>;
    __internalSetPaymentProcessing(): Promise<void>;
    __internalSetPaymentError(): Promise<void>;
    __internalSetPaymentReady(): Promise<void>;
    __internalSetExpressPaymentMethodsInitialized(initialized: boolean): Promise<void>;
    __internalSetShouldSavePaymentMethod(shouldSavePaymentMethod: boolean): Promise<void>;
    __internalSetActivePaymentMethod(name: string, paymentMethodData?: Record<string, unknown>): Promise<void>;
    /** Replaces the data (any value, ref §3.2). */
    __internalSetPaymentMethodData(paymentMethodData?: unknown): Promise<void>;
    __internalSetPaymentResult(paymentResult: PaymentResult | null): Promise<void>;
    __internalSetAvailableExpressPaymentMethods(methods: AvailablePaymentMethods): Promise<void>;
    __internalRemoveAvailablePaymentMethod(name: string): Promise<void>;
    __internalRemoveAvailableExpressPaymentMethod(name: string): Promise<void>;
    __internalSetPaymentMethodsInitialized(initialized: boolean): Promise<void>;
    __internalSetAvailablePaymentMethods(methods: AvailablePaymentMethods): Promise<void>;
    __internalUpdateAvailablePaymentMethods(): Promise<void>;
    __internalSetExpressPaymentError(message?: string): Promise<void>;
  }

  /** ref §4. */
  interface ValidationActions {
    setValidationErrors(errors: ValidationErrors): Promise<void>;
    clearValidationError(id: string): Promise<void>;
    clearValidationErrors(ids?: string[]): Promise<void>;
    hideValidationError(id: string): Promise<void>;
    showValidationError(id: string): Promise<void>;
    showAllValidationErrors(): Promise<void>;
  }

  interface NoticesActions {
    createNotice(status: NoticeStatus, content: string, options?: CreateNoticeOptions): Promise<void>;
    removeNotice(id: string, context?: NoticeContext): Promise<void>;
  }

  interface CartActions {
    setBillingAddress(address: BillingAddress): Promise<void>;
    setShippingAddress(address: ShippingAddress): Promise<void>;
    setShippingRates(rates: ShippingPackage[]): Promise<void>;
    setIsLoadingRates(isLoadingRates: boolean): Promise<void>;
    setIsSelectingRate(isSelectingRate: boolean): Promise<void>;
    setCartErrors(errors: CartError[]): Promise<void>;
  }

  // ---- stores ------------------------------------------------------------------
  interface Stores {
    'wc/store/checkout': { selectors: CheckoutSelectors; actions: CheckoutActions };
    'wc/store/payment': { selectors: PaymentSelectors; actions: PaymentActions };
    'wc/store/validation': { selectors: ValidationSelectors; actions: ValidationActions };
    'core/notices': { selectors: NoticesSelectors; actions: NoticesActions };
    'wc/store/cart': { selectors: CartSelectors; actions: CartActions };
  }
  type StoreKey = keyof Stores;
  interface StoreDescriptor<K extends StoreKey = StoreKey> {
    readonly name: K;
  }
  type StoreRef<K extends StoreKey> = K | StoreDescriptor<K>;
  type Unsubscribe = () => void;

  interface BlocksData {
    readonly CHECKOUT_STORE_KEY: CheckoutStoreKey;
    readonly PAYMENT_STORE_KEY: PaymentStoreKey;
    readonly VALIDATION_STORE_KEY: ValidationStoreKey;
    readonly CART_STORE_KEY: CartStoreKey;
    readonly checkoutStore: StoreDescriptor<CheckoutStoreKey>;
    readonly paymentStore: StoreDescriptor<PaymentStoreKey>;
    readonly validationStore: StoreDescriptor<ValidationStoreKey>;
    readonly cartStore: StoreDescriptor<CartStoreKey>;
    /** Synchronous selectors of a store; the same object on every call. Throws TypeError for an unknown store (D34). */
    select<K extends StoreKey>(store: StoreRef<K>): Stores[K]['selectors'];
    /** Actions of a store; the same object on every call. Throws TypeError for an unknown store (D34). */
    dispatch<K extends StoreKey>(store: StoreRef<K>): Stores[K]['actions'];
    /**
     * Calls listener after the snapshots are swapped, once per publication that
     * changed the given store (any store when none is given). A throwing
     * listener is logged with console.error and the others still run.
     * Returns an idempotent unsubscribe.
     */
    subscribe(listener: () => void, store?: StoreRef<StoreKey>): Unsubscribe;
  }

  // ---- observers ----------------------------------------------------------------
  /** D18: the second argument of every observer. */
  interface ObserverContext {
    /** Aborted when the attempt ends, times out or is reset. */
    readonly signal: AbortSignal;
    readonly attemptId: string;
  }
  /** Options of a registration (D17, D24). */
  interface ObserverOptions {
    /** Name in the trace (default: the function's name, else observer#<id>). */
    label?: string;
    /** Time budget in ms; when it runs out the observer counts as {type:'error'} (D17). */
    timeoutMs?: number;
  }
  type Awaitable<T> = T | Promise<T>;
  type Observer<Payload, Result> = (payload: Payload, context: ObserverContext) => Awaitable<Result>;
  /** Registers callback (default priority 10; lower runs first); returns an idempotent unsubscribe. */
  type Registration<Payload, Result> = (
    callback: Observer<Payload, Result>,
    priority?: number,
    options?: ObserverOptions
  ) => Unsubscribe;

  /** A response of the abortable events (ref §5.4, §6.2, §6.3, D6, D8, D10). */
  interface ObserverResponse {
    type: ResponseType | (string & {});
    message?: string;
    messageContext?: NoticeContext;
    retry?: boolean;
    redirectUrl?: string;
    validationErrors?: ValidationErrors;
    meta?: {
      paymentMethodData?: Record<string, unknown>;
      billingAddress?: BillingAddress;
      shippingAddress?: ShippingAddress;
      /** @deprecated use billingAddress */
      billingData?: BillingAddress;
      /** @deprecated use shippingAddress */
      shippingData?: { address?: ShippingAddress };
      [field: string]: unknown;
    };
    /** Top-level forms accepted where meta lacks them (D8). */
    paymentMethodData?: Record<string, unknown>;
    billingAddress?: BillingAddress;
    shippingAddress?: ShippingAddress;
    [field: string]: unknown;
  }
  /** Anything else than a typed plain object is ignored (D6). */
  type AbortableResult = ObserverResponse | boolean | null | undefined | void;

  /** D7, D22: true/undefined/null/{type:'success'} pass; false or another object fails. */
  type ValidationResult =
    | boolean
    | null
    | undefined
    | void
    | number
    | string
    | { type: 'success' }
    | { errorMessage?: string; validationErrors?: ValidationErrors; context?: NoticeContext; [field: string]: unknown };

  /** D9: payload of checkout_success and checkout_fail. */
  interface AfterProcessingPayload {
    readonly redirectUrl: string;
    readonly orderId: number;
    readonly customerId: number;
    readonly orderNotes: string;
    readonly processingResponse: PaymentResult | null;
    /** Same object as processingResponse. */
    readonly paymentResult: PaymentResult | null;
  }
  interface ShippingFailPayload {
    readonly hasError: boolean;
    readonly hasInvalidAddress: boolean;
  }

  /** D19, D23: the one settled outcome of an attempt. */
  interface AttemptOutcome {
    readonly attemptId: string;
    readonly outcome: 'complete' | 'failed' | 'error' | 'timeout' | 'reset';
    readonly status: CheckoutStatus;
    readonly hasError: boolean;
    readonly redirectUrl: string;
    readonly orderId: number;
  }

  interface CheckoutEvents {
    onCheckoutValidation: Registration<{}, ValidationResult>;
    onCheckoutSuccess: Registration<AfterProcessingPayload, AbortableResult>;
    onCheckoutFail: Registration<AfterProcessingPayload, AbortableResult>;
  }
  interface PaymentEvents {
    onPaymentSetup: Registration<{}, AbortableResult>;
    /** @deprecated use onPaymentSetup (D11; warns once). */
    onPaymentProcessing: Registration<{}, AbortableResult>;
  }
  interface ShippingEvents {
    onShippingRateSuccess: Registration<readonly ShippingPackage[], unknown>;
    onShippingRateFail: Registration<ShippingFailPayload, unknown>;
    onShippingRateSelectSuccess: Registration<readonly ShippingPackage[], unknown>;
    onShippingRateSelectFail: Registration<ShippingFailPayload, unknown>;
  }
  interface EventRegistration extends CheckoutEvents, PaymentEvents, ShippingEvents {
    /** @deprecated use onCheckoutValidation (D11; warns once). */
    onCheckoutBeforeProcessing: Registration<{}, ValidationResult>;
    /** @deprecated use onCheckoutValidation (D11; warns once). */
    onCheckoutValidationBeforeProcessing: Registration<{}, ValidationResult>;
    /** @deprecated use onCheckoutSuccess (D11; warns once). */
    onCheckoutAfterProcessingWithSuccess: Registration<AfterProcessingPayload, AbortableResult>;
    /** @deprecated use onCheckoutFail (D11; warns once). */
    onCheckoutAfterProcessingWithError: Registration<AfterProcessingPayload, AbortableResult>;
    /** D19: called once per attempt with its outcome. */
    onAttemptSettled: Registration<AttemptOutcome, unknown>;
  }
  interface EmitResponse {
    readonly responseTypes: ResponseTypes;
    readonly noticeContexts: NoticeContexts;
  }

  interface BlocksCheckoutEvents {
    readonly checkoutEvents: CheckoutEvents;
    readonly paymentEvents: PaymentEvents;
    readonly shippingEvents: ShippingEvents;
    readonly eventRegistration: EventRegistration;
    readonly emitResponse: EmitResponse;
    /** A plain object whose type is 'success' (ref §5.5). */
    isSuccessResponse(response: unknown): response is ObserverResponse & { type: 'success' };
    /** A plain object whose type is 'error' (ref §5.5). */
    isErrorResponse(response: unknown): response is ObserverResponse & { type: 'error' };
    /** A plain object whose type is 'failure' (ref §5.5). */
    isFailResponse(response: unknown): response is ObserverResponse & { type: 'failure' };
    /** False only for a plain object whose retry is neither undefined nor true (ref §5.5). */
    shouldRetry(response: unknown): boolean;
  }

  // ---- payment methods ---------------------------------------------------------
  interface BillingProps {
    readonly billingAddress: Readonly<BillingAddress>;
    /** The same object as billingAddress. */
    readonly billingData: Readonly<BillingAddress>;
    readonly customerId: number;
  }
  interface ShippingDataProps {
    readonly shippingAddress: Readonly<ShippingAddress>;
    readonly shippingRates: readonly ShippingPackage[];
    readonly needsShipping: boolean;
    /** The cart snapshot's isShippingRateBeingSelected; false while the module does not publish it. */
    readonly isSelectingRate: boolean;
  }
  /**
   * The payment method interface given to content(props). The data fields are
   * getters that read the latest snapshots.
   */
  interface PaymentMethodProps {
    readonly activePaymentMethod: string;
    readonly eventRegistration: EventRegistration;
    readonly emitResponse: EmitResponse;
    readonly onSubmit: () => Promise<AttemptOutcome>;
    readonly billing: BillingProps;
    readonly shippingData: ShippingDataProps;
  }
  /** ref §12. */
  interface ExpressPaymentMethodProps extends PaymentMethodProps {
    readonly onClick: () => Promise<void>;
    readonly onClose: () => Promise<void>;
    readonly onError: (message: string) => Promise<void>;
  }

  /** What Go passes to canMakePayment (ref §14). */
  interface CanMakePaymentArgument {
    [field: string]: unknown;
  }
  type CanMakePaymentResult = boolean | { error: { message: string } };
  type CanMakePayment = boolean | ((argument: CanMakePaymentArgument) => Awaitable<CanMakePaymentResult>);
  type ContentOutput = Node | string | void | null | undefined;

  interface PaymentMethodSupports {
    features?: string[];
    showSavedCards?: boolean;
    showSaveOption?: boolean;
  }
  interface PaymentMethodConfig {
    name: string;
    label?: string | Node;
    ariaLabel?: string;
    /** Called each time the method becomes active (D29). */
    content: (props: PaymentMethodProps) => ContentOutput;
    edit?: unknown;
    canMakePayment: CanMakePayment;
    /** Defaults to name. */
    paymentMethodId?: string;
    supports?: PaymentMethodSupports;
    placeOrderButtonLabel?: string;
  }
  interface ExpressPaymentMethodConfig extends Omit<PaymentMethodConfig, 'content'> {
    /** Called once each time the method becomes available (D29). */
    content: (props: ExpressPaymentMethodProps) => ContentOutput;
  }

  interface BlocksRegistry {
    /** Throws TypeError naming the missing field: name, content or canMakePayment. */
    registerPaymentMethod(config: PaymentMethodConfig): void;
    /** Throws TypeError naming the missing field: name, content or canMakePayment. */
    registerExpressPaymentMethod(config: ExpressPaymentMethodConfig): void;
    /** D28: name -> the registered config. */
    getPaymentMethods(): Record<string, PaymentMethodConfig>;
    getExpressPaymentMethods(): Record<string, ExpressPaymentMethodConfig>;
  }

  // ---- the module handle ---------------------------------------------------------
  interface CheckoutDataOption {
    order_id?: number;
    customer_id?: number;
    order_notes?: string;
    billing_address?: BillingAddress;
    shipping_address?: ShippingAddress;
  }
  interface CartOption {
    needsPayment?: boolean;
    needsShipping?: boolean;
    /** Names of the payment methods the cart allows (ref §14). */
    paymentMethods?: string[];
  }
  /** Per-event default time budgets in ms (D17). */
  interface ObserverTimeoutOption {
    checkout_validation?: number;
    payment_setup?: number;
    checkout_success?: number;
    checkout_fail?: number;
  }
  interface RenderInfo {
    readonly express: boolean;
  }
  interface LoadOptions {
    /** Default: 'dist/checkout.wasm' next to checkout.js. */
    wasmUrl?: string;
    /** Default: '/wp-json/wc/store/v1'. */
    storeApiUrl?: string;
    /** Sent as the 'Nonce' header. */
    nonce?: string;
    checkoutData?: CheckoutDataOption;
    cart?: CartOption;
    /** Replaces location.assign on complete. */
    navigate?: (url: string) => void;
    observerTimeoutMs?: ObserverTimeoutOption;
    /** Log every transition and observer call to the console. */
    debug?: boolean;
    // Page settings the module reads (WooCommerce passes them in wcSettings).
    /** The customer's saved payment methods (ref §3.1 customerPaymentMethods). */
    savedPaymentMethods?: SavedPaymentMethods;
    /** id -> title of every gateway (ref §3.3 getIncompatiblePaymentMethods). */
    globalPaymentMethods?: Record<string, string>;
    /** Order in which regular methods are checked (ref §14). */
    paymentMethodSortOrder?: string[];
    /** The page address relative redirect URLs resolve against (D25); default location.href. */
    pageUrl?: string;
    /**
     * Extension of this project: where payment method content goes. Default
     * (absent): into the element [data-wc-payment-method-content="<name>"],
     * a string as text, a Node after clearing the element.
     */
    render?: (name: string, output: ContentOutput, info: RenderInfo) => void;
  }

  /** D24: a trace record (at least these fields). */
  interface TraceRecord {
    readonly time: number;
    readonly attemptId: string;
    readonly kind: 'status' | 'observer' | 'request' | 'redirect';
    readonly event: string;
    readonly label: string;
    readonly priority: number;
    readonly durationMs: number;
    /** The response type, 'none', 'throw' or 'timeout'. */
    readonly result: ResponseType | 'none' | 'throw' | 'timeout' | (string & {});
    readonly status: CheckoutStatus;
    readonly paymentStatus: PaymentStatus;
    /** A refused redirect's URL (D16, D24). */
    readonly url?: string;
    readonly [field: string]: unknown;
  }

  interface CheckoutWasm {
    /**
     * Loads and starts the module. Resolves when the module is ready and the
     * calls queued before have been replayed. A second call while loading or
     * loaded returns the same Promise (its options are ignored). A failed load
     * rejects with an Error naming what failed, keeps the queued calls, and
     * lets a later load() try again. Throws TypeError synchronously for
     * options that are not an object or a render that is not a function.
     */
    load(options?: LoadOptions): Promise<void>;
    /** The Promise of the current load (pending until load is called). */
    readonly ready: Promise<void>;
    /** The module's version; '' before ready. */
    readonly version: string;
    /** Submits the checkout; during an attempt returns that attempt's Promise (D12). */
    onSubmit(): Promise<AttemptOutcome>;
    /** Ends the current attempt with outcome 'reset' (D33); also run on pageshow with persisted. */
    reset(): void;
    /** D20, D24; [] before ready. */
    getTrace(): TraceRecord[];
    clearTrace(): void;
    /** Diagnostics: JS → Go calls so far and Go functions JS holds; null before ready. */
    stats(): { calls: number; liveFuncs: number } | null;
  }

  interface Globals {
    wcBlocksData: BlocksData;
    wcBlocksRegistry: BlocksRegistry;
    blocksCheckoutEvents: BlocksCheckoutEvents;
    wcCheckoutWasm: CheckoutWasm;
  }
}

/** The globals defined by web/checkout.js (merged into an existing wc). */
declare var wc: WcCheckout.Globals;
