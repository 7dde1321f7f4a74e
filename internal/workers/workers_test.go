package workers_test

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wcblocks/checkoutwasm/internal/workers"
)

func TestPool(t *testing.T) {
	t.Run("every function runs, blocked ones do not hold the others up", func(t *testing.T) {
		p := workers.New()
		release := make(chan struct{})
		var wg sync.WaitGroup
		var mu sync.Mutex
		ran := 0
		for i := 0; i < 20; i++ {
			wg.Add(1)
			block := i%3 == 0
			p.Run(func() {
				defer wg.Done()
				if block {
					<-release
				}
				mu.Lock()
				ran++
				mu.Unlock()
			})
		}
		require.Eventually(t, func() bool { mu.Lock(); defer mu.Unlock(); return ran == 13 }, time.Second, time.Millisecond)
		close(release)
		wg.Wait()
		assert.Equal(t, 20, ran)
	})
	t.Run("at most MaxIdle workers stay waiting; a waiting worker is reused", func(t *testing.T) {
		p := workers.New()
		var wg sync.WaitGroup
		start := make(chan struct{})
		for i := 0; i < 10; i++ {
			wg.Add(1)
			p.Run(func() { defer wg.Done(); <-start })
		}
		close(start)
		wg.Wait()
		require.Eventually(t, func() bool { return p.Idle() == workers.MaxIdle }, time.Second, time.Millisecond)
		done := make(chan struct{})
		p.Run(func() { close(done) })
		<-done
		require.Eventually(t, func() bool { return p.Idle() == workers.MaxIdle }, time.Second, time.Millisecond)
	})
}

func ExamplePool() {
	p := workers.New()
	done := make(chan string)
	p.Run(func() { done <- "ran on a kept goroutine" })
	fmt.Println(<-done)
	// Output: ran on a kept goroutine
}
