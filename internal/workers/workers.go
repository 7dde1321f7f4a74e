// Package workers runs functions on goroutines that are kept between
// calls. A new goroutine starts on a small stack, and a deep call chain
// (the engine, an observer call through the bridge) grows it by copying
// the stack several times; on WebAssembly that copying was a tenth of a
// dispatch. A kept goroutine has grown once.
//
// Run never waits: f starts at once on a waiting worker, or on a new
// goroutine when none waits (f may block for as long as it likes, its
// worker is then simply busy). At most MaxIdle workers wait for work; the
// others end when their work is done. Order and concurrency are those of
// `go f()`.
package workers

import "sync/atomic"

// MaxIdle is the most workers a Pool keeps waiting.
const MaxIdle = 4

// Pool is a set of kept goroutines. The zero value is not usable: use New.
type Pool struct {
	ch   chan func()
	idle atomic.Int32
}

// New returns an empty pool.
func New() *Pool { return &Pool{ch: make(chan func())} }

// Run runs f on a waiting worker, or on a new goroutine (which becomes a
// worker) when none waits. A panic in f is f's to recover: it ends the
// program as it would in a goroutine of its own.
func (p *Pool) Run(f func()) {
	select {
	case p.ch <- f: // a waiting worker takes it
	default:
		go p.loop(f)
	}
}

// Idle is the number of workers waiting for work (tests).
func (p *Pool) Idle() int { return int(p.idle.Load()) }

func (p *Pool) loop(f func()) {
	for {
		f()
		if p.idle.Add(1) > MaxIdle {
			p.idle.Add(-1)
			return
		}
		f = <-p.ch
		p.idle.Add(-1)
	}
}
