package engine

import (
	"sort"
	"strconv"
	"strings"
)

// Attempt states. The non-terminal ones are in machine; the terminal ones
// (prefix "settled:") map to an outcome.
const (
	stateStart           = "submit"
	stateValidating      = "validating"
	stateProcessing      = "processing"
	stateWaiting         = "waiting_for_totals"
	statePaymentSetup    = "payment_setup"
	stateSending         = "sending"
	stateAfterProcessing = "after_processing"
	stateSuccessEvent    = "checkout_success"
	stateFailEvent       = "checkout_fail"
	stateComplete        = "complete"

	settledComplete = "settled:complete"
	settledFailed   = "settled:failed"
	settledError    = "settled:error"
	settledTimeout  = "settled:timeout"
	settledReset    = "settled:reset"
)

// exit is the label of one way out of a state. Exits are typed constants,
// so a state function can return only a declared exit (a misspelt one does
// not compile); exitText gives the words the diagram prints.
type exit uint8

// The exits, grouped by the state that takes them (several states share
// exitTimeout, exitInterrupted, exitErrorState and exitReset).
const (
	exitReset              exit = iota // the attempt was reset (D23): settles as "reset"
	exitTimeout                        // a time budget ran out and decided the end (D23)
	exitInterrupted                    // the checkout status is not the one this state expects
	exitErrorState                     // ref §7 R7's error condition holds
	exitSubmitted                      // submit
	exitPassed                         // validating
	exitFailed                         // validating
	exitNeedsPayment                   // processing
	exitNoPaymentNeeded                // processing (D26)
	exitCalculating                    // processing (D13)
	exitCalculated                     // waiting_for_totals
	exitReady                          // payment_setup
	exitSetupFailed                    // payment_setup
	exitResponseOK                     // sending
	exitResponseDeclined               // sending (D14)
	exitRequestFailed                  // sending (D14)
	exitNoError                        // after_processing
	exitHasError                       // after_processing
	exitSuccess                        // checkout_success
	exitNoTypedResponse                // checkout_success
	exitSuccessNoRetry                 // checkout_success (D10)
	exitSuccessRetry                   // checkout_success
	exitFailHandled                    // checkout_fail
	exitNothingHandled                 // checkout_fail
	exitFailNoRetry                    // checkout_fail (D10)
	exitCompleted                      // complete
	exitCompletedWithError             // complete
	numExits                           // not an exit: the count, for tests
)

// exitText is what the diagram prints for each exit.
var exitText = [numExits]string{
	exitReset:              "reset",
	exitTimeout:            "timeout",
	exitInterrupted:        "interrupted",
	exitErrorState:         "error state (R7)",
	exitSubmitted:          "submitted",
	exitPassed:             "passed",
	exitFailed:             "failed",
	exitNeedsPayment:       "needs payment",
	exitNoPaymentNeeded:    "no payment needed (D26)",
	exitCalculating:        "calculating (D13)",
	exitCalculated:         "calculated",
	exitReady:              "ready",
	exitSetupFailed:        "error or failure",
	exitResponseOK:         "2xx JSON",
	exitResponseDeclined:   "4xx/5xx JSON (D14)",
	exitRequestFailed:      "network failure or not JSON (D14)",
	exitNoError:            "no error",
	exitHasError:           "hasError",
	exitSuccess:            "success",
	exitNoTypedResponse:    "no typed response",
	exitSuccessNoRetry:     "error, retry:false (D10)",
	exitSuccessRetry:       "error, retry",
	exitFailHandled:        "error with message, retry",
	exitNothingHandled:     "nothing handled",
	exitFailNoRetry:        "retry:false (D10)",
	exitCompleted:          "completed",
	exitCompletedWithError: "completed with error",
}

// String is the exit's text, as the diagram prints it.
func (x exit) String() string {
	if x < numExits {
		return exitText[x]
	}
	return "exit(" + strconv.Itoa(int(x)) + ")"
}

var terminalOutcome = map[string]string{
	settledComplete: OutcomeComplete,
	settledFailed:   OutcomeFailed,
	settledError:    OutcomeError,
	settledTimeout:  OutcomeTimeout,
	settledReset:    OutcomeReset,
}

// stateDef is one state: the function that does its work and returns the
// exit it takes, and the state each of its exits leads to. Returning an exit
// the state does not declare is a bug: run panics, and the attempt settles
// as "error" (the panic is recovered and logged). TestMachineIsClosed checks
// that every exit leads to a state or a terminal and every state is reached.
type stateDef struct {
	run   func(*runner) exit
	exits map[exit]string
}

// machine is the attempt state machine of ref §7/§8 as amended by D7–D14,
// D19, D23, D26; Diagram renders it. The state functions live in files
// named after the part of the table they run, in table order:
// states_submit.go (submit, validating, processing, waiting_for_totals),
// states_payment.go (payment_setup), states_send.go (sending) and
// states_events.go (after_processing, checkout_success, checkout_fail,
// complete). The attempt API and the loop that runs this table are in
// attempt.go; the request payload helpers in request.go.
var machine = map[string]stateDef{
	stateStart: {(*runner).start, map[exit]string{
		exitSubmitted: stateValidating,
		exitReset:     settledReset,
	}},
	stateValidating: {(*runner).validate, map[exit]string{
		exitPassed:     stateProcessing,
		exitFailed:     settledFailed,
		exitTimeout:    settledTimeout,
		exitErrorState: settledFailed,
		exitReset:      settledReset,
	}},
	stateProcessing: {(*runner).processing, map[exit]string{
		exitNeedsPayment:    statePaymentSetup,
		exitNoPaymentNeeded: stateSending,
		exitCalculating:     stateWaiting,
		exitErrorState:      settledFailed,
		exitInterrupted:     settledFailed,
	}},
	stateWaiting: {(*runner).waitCalculating, map[exit]string{
		exitCalculated: stateProcessing,
		exitReset:      settledReset,
	}},
	statePaymentSetup: {(*runner).paymentSetup, map[exit]string{
		exitReady:       stateSending,
		exitSetupFailed: settledFailed,
		exitTimeout:     settledTimeout,
		exitReset:       settledReset,
	}},
	stateSending: {(*runner).send, map[exit]string{
		exitResponseOK:       stateAfterProcessing,
		exitResponseDeclined: stateAfterProcessing,
		exitRequestFailed:    settledError,
		exitErrorState:       settledFailed,
		exitReset:            settledReset,
	}},
	stateAfterProcessing: {(*runner).afterProcessing, map[exit]string{
		exitNoError:     stateSuccessEvent,
		exitHasError:    stateFailEvent,
		exitInterrupted: settledFailed,
	}},
	stateSuccessEvent: {(*runner).successEvent, map[exit]string{
		exitSuccess:         stateComplete,
		exitNoTypedResponse: stateComplete,
		exitSuccessNoRetry:  stateComplete,
		exitSuccessRetry:    stateFailEvent,
		exitReset:           settledReset,
	}},
	stateFailEvent: {(*runner).failEvent, map[exit]string{
		exitFailHandled:    settledFailed,
		exitNothingHandled: settledFailed,
		exitFailNoRetry:    stateComplete,
		exitTimeout:        settledTimeout,
		exitReset:          settledReset,
	}},
	stateComplete: {(*runner).complete, map[exit]string{
		exitCompleted:          settledComplete,
		exitCompletedWithError: settledFailed,
	}},
}

// stateOrder fixes the order states appear in the diagram.
var stateOrder = []string{stateStart, stateValidating, stateProcessing, stateWaiting, statePaymentSetup,
	stateSending, stateAfterProcessing, stateSuccessEvent, stateFailEvent, stateComplete}

// Diagram renders the attempt state machine as a Mermaid stateDiagram-v2,
// generated from the same table the engine runs (checked by a golden test).
func Diagram() string {
	var b strings.Builder
	b.WriteString("stateDiagram-v2\n")
	id := func(s string) string { return strings.NewReplacer(":", "_").Replace(s) }
	b.WriteString("    [*] --> " + id(stateStart) + ": onSubmit()\n")
	for _, st := range stateOrder {
		exits := machine[st].exits
		labels := make([]exit, 0, len(exits))
		for x := range exits {
			labels = append(labels, x)
		}
		sort.Slice(labels, func(i, j int) bool { return labels[i].String() < labels[j].String() })
		for _, x := range labels {
			b.WriteString("    " + id(st) + " --> " + id(exits[x]) + ": " + x.String() + "\n")
		}
	}
	terms := make([]string, 0, len(terminalOutcome))
	for t := range terminalOutcome {
		terms = append(terms, t)
	}
	sort.Strings(terms)
	for _, t := range terms {
		b.WriteString("    " + id(t) + " --> [*]\n")
	}
	return b.String()
}
