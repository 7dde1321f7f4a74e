package engine

import "github.com/wcblocks/checkoutwasm/core/store"

// DeregisterPaymentMethod removes the regular (express=false) or express
// method called name (payment-methods.md, WooCommerce's
// __experimentalDeRegisterPaymentMethod and
// __experimentalDeRegisterExpressPaymentMethod): it leaves the registry,
// its entry leaves the payment store's available methods (the
// express reducer __internalRemoveAvailableExpressPaymentMethod of ref §3.4,
// which leaves the regular ones alone, D35; for a regular method ref §3.4's
// __internalSetAvailablePaymentMethods thunk with the rest, so an active
// method that was removed is replaced by the default selection of ref
// §14), and an availability check is requested. It reports whether the name was
// registered; an unknown name changes nothing.
func (e *Engine) DeregisterPaymentMethod(name string, express bool) bool {
	m := &e.methods
	m.mu.Lock()
	list := &m.regular
	if express {
		list = &m.express
	}
	found := false
	kept := (*list)[:0:0]
	for _, pm := range *list {
		if pm.Name == name {
			found = true
			continue
		}
		kept = append(kept, pm)
	}
	if found {
		*list = kept
	}
	m.mu.Unlock()
	if !found {
		return false
	}
	if express {
		e.set(func(s *store.Snapshot) {
			s.Payment = s.Payment.RemoveAvailableExpressPaymentMethod(name)
		})
	} else if avail := e.Snapshot().Payment.AvailablePaymentMethods; avail.Has(name) {
		e.SetAvailablePaymentMethods(avail.Without(name)) // default selection when it was active
	}
	e.RequestAvailabilityUpdate(nil)
	return true
}
