package server

import (
	"errors"
	"strings"
)

// ExtraGateway is a payment gateway the shop enables on top of the demo's
// own (Config.ExtraGateways): the compatibility suite's gateways. Such a
// gateway takes any payment_data, stores it as given and pays at once
// (order status processing, payment_result success, the order-received
// redirect_url), like demo_card with a good number.
type ExtraGateway struct {
	ID    string
	Title string
}

// ParseExtraGateways reads "id:Title,id:Title,..." (the demo binary's
// -gateways flag). An empty string is no gateways. A title may be left out
// ("id"); an id must be non-empty and made of a-z, 0-9, "_" and "-",
// otherwise the error names the entry.
func ParseExtraGateways(spec string) ([]ExtraGateway, error) {
	var out []ExtraGateway
	if strings.TrimSpace(spec) == "" {
		return nil, nil
	}
	for _, entry := range strings.Split(spec, ",") {
		id, title, _ := strings.Cut(strings.TrimSpace(entry), ":")
		if id == "" || strings.Trim(id, "abcdefghijklmnopqrstuvwxyz0123456789_-") != "" {
			return nil, errors.New("gateway " + `"` + entry + `"` + ": the id must be a-z, 0-9, _ or -")
		}
		if title == "" {
			title = id
		}
		out = append(out, ExtraGateway{ID: id, Title: title})
	}
	return out, nil
}

// withExtra returns c with every extra gateway enabled: a known one (say
// cheque, disabled in the demo) is enabled under its own title, an unknown
// one is appended. c itself is not changed.
func (c catalog) withExtra(extra []ExtraGateway) catalog {
	gws := append([]gateway(nil), c.Gateways...)
next:
	for _, e := range extra {
		for i := range gws {
			if gws[i].ID == e.ID {
				gws[i].Enabled = true
				continue next
			}
		}
		gws = append(gws, gateway{ID: e.ID, Title: e.Title, Enabled: true})
	}
	c.Gateways = gws
	return c
}
