package trace_test

import (
	"fmt"

	"github.com/wcblocks/checkoutwasm/core/trace"
)

func ExampleLog() {
	log := trace.NewLog(2)
	log.Add(trace.Record{Kind: trace.KindStatus, Event: "set_before_processing", Status: "before_processing"})
	log.Add(trace.Record{Kind: trace.KindObserver, Event: "checkout_validation", Label: "terms", Result: "none"})
	log.Add(trace.Record{Kind: trace.KindStatus, Event: "set_processing", Status: "processing"})

	for _, r := range log.Records() {
		fmt.Printf("%s %s label=%q result=%q status=%q\n", r.Kind, r.Event, r.Label, r.Result, r.Status)
	}
	fmt.Println("dropped:", log.Dropped())
	// Output:
	// observer checkout_validation label="terms" result="none" status=""
	// status set_processing label="" result="" status="processing"
	// dropped: 1
}
