package engine

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wcblocks/checkoutwasm/core/observer"
	"github.com/wcblocks/checkoutwasm/core/value/valuejson"
)

func TestPaymentSetupResult(t *testing.T) {
	full := `{"first_name":"A","last_name":"B","company":"","address_1":"1 St","address_2":"","city":"C","state":"","postcode":"1","country":"FR","phone":""}`
	tests := []struct {
		name     string
		resp     string
		billing  string
		shipping string
		pmd      string
	}{
		{"meta (ref §6.2)", `{"type":"success","meta":{"paymentMethodData":{"k":"v"},"shippingAddress":` + full + `}}`, "", `"city":"C"`, `{"k":"v"}`},
		{"top level (D8)", `{"type":"success","paymentMethodData":{"t":"1"},"billingAddress":` + strings.Replace(full, `"phone":""`, `"phone":"","email":"a@b.c"`, 1) + `}`, `"email":"a@b.c"`, "", `{"t":"1"}`},
		{"deprecated meta.billingData (D8)", `{"type":"success","meta":{"billingData":` + strings.Replace(full, `"phone":""`, `"phone":"","email":"old@b.c"`, 1) + `}}`, `"email":"old@b.c"`, "", `{}`},
		{"deprecated meta.shippingData.address (D8)", `{"type":"success","meta":{"shippingData":{"address":` + full + `}}}`, "", `"postcode":"1"`, `{}`},
		{"incomplete address ignored", `{"type":"success","meta":{"billingAddress":{"first_name":"A"}}}`, "", "", `{}`},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprintf("D8: %s", tc.name), func(t *testing.T) {
			h := newHarness(t)
			h.registerMethod("bacs")
			h.on(observer.PaymentSetup, 10, returns(obj(tc.resp)))
			h.tr.push(jsonResponse(200, successBody, nil))
			require.Equal(t, OutcomeComplete, h.submit().Outcome)
			s := h.e.Snapshot()
			if tc.billing != "" {
				assert.Contains(t, string(valuejson.Marshal(s.Cart.BillingAddress)), tc.billing)
			}
			if tc.shipping != "" {
				assert.Contains(t, string(valuejson.Marshal(s.Cart.ShippingAddress)), tc.shipping)
			}
			assert.Equal(t, tc.pmd, string(valuejson.Marshal(s.Payment.PaymentMethodData)))
		})
	}
}
