package engine

import (
	"sort"
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

	exitReset = "reset"
)

var terminalOutcome = map[string]string{
	settledComplete: OutcomeComplete,
	settledFailed:   OutcomeFailed,
	settledError:    OutcomeError,
	settledTimeout:  OutcomeTimeout,
	settledReset:    OutcomeReset,
}

// stateDef is one state: the function that does its work and returns an
// exit label, and where each label leads. An undeclared label is a bug and
// panics (recovered as an "error" outcome); TestMachine checks that every
// declared exit is reachable in some test.
type stateDef struct {
	run   func(*runner) string
	exits map[string]string
}

// machine is the attempt state machine of ref §7/§8 as amended by D7–D14,
// D19, D23, D26. Diagram renders it.
var machine = map[string]stateDef{
	stateStart: {(*runner).start, map[string]string{
		"submitted": stateValidating,
		exitReset:   settledReset,
	}},
	stateValidating: {(*runner).validate, map[string]string{
		"passed":           stateProcessing,
		"failed":           settledFailed,
		"timeout":          settledTimeout,
		"error state (R7)": settledFailed,
		exitReset:          settledReset,
	}},
	stateProcessing: {(*runner).processing, map[string]string{
		"needs payment":           statePaymentSetup,
		"no payment needed (D26)": stateSending,
		"calculating (D13)":       stateWaiting,
		"error state (R7)":        settledFailed,
		"interrupted":             settledFailed,
	}},
	stateWaiting: {(*runner).waitCalculating, map[string]string{
		"calculated": stateProcessing,
		exitReset:    settledReset,
	}},
	statePaymentSetup: {(*runner).paymentSetup, map[string]string{
		"ready":            stateSending,
		"error or failure": settledFailed,
		"timeout":          settledTimeout,
		exitReset:          settledReset,
	}},
	stateSending: {(*runner).send, map[string]string{
		"2xx JSON":                          stateAfterProcessing,
		"4xx/5xx JSON (D14)":                stateAfterProcessing,
		"network failure or not JSON (D14)": settledError,
		"error state (R7)":                  settledFailed,
		exitReset:                           settledReset,
	}},
	stateAfterProcessing: {(*runner).afterProcessing, map[string]string{
		"no error":    stateSuccessEvent,
		"hasError":    stateFailEvent,
		"interrupted": settledFailed,
	}},
	stateSuccessEvent: {(*runner).successEvent, map[string]string{
		"success":                  stateComplete,
		"no typed response":        stateComplete,
		"error, retry:false (D10)": stateComplete,
		"error, retry":             stateFailEvent,
		exitReset:                  settledReset,
	}},
	stateFailEvent: {(*runner).failEvent, map[string]string{
		"error with message, retry": settledFailed,
		"nothing handled":           settledFailed,
		"retry:false (D10)":         stateComplete,
		"timeout":                   settledTimeout,
		exitReset:                   settledReset,
	}},
	stateComplete: {(*runner).complete, map[string]string{
		"completed":            settledComplete,
		"completed with error": settledFailed,
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
		labels := make([]string, 0, len(exits))
		for l := range exits {
			labels = append(labels, l)
		}
		sort.Strings(labels)
		for _, l := range labels {
			b.WriteString("    " + id(st) + " --> " + id(exits[l]) + ": " + l + "\n")
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
