package server

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseExtraGateways(t *testing.T) {
	tests := []struct {
		name    string
		spec    string
		want    []ExtraGateway
		wantErr string
	}{
		{name: "empty is none", spec: " ", want: nil},
		{name: "id and title", spec: "cod:Cash on delivery,compat_card:Card", want: []ExtraGateway{{"cod", "Cash on delivery"}, {"compat_card", "Card"}}},
		{name: "title defaults to id", spec: "dummy", want: []ExtraGateway{{"dummy", "dummy"}}},
		{name: "bad id", spec: "ok,Bad Id:x", wantErr: `gateway "Bad Id:x": the id must be a-z, 0-9, _ or -`},
		{name: "empty id", spec: ":Title", wantErr: `gateway ":Title"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseExtraGateways(tt.spec)
			if tt.wantErr != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tt.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestCatalogWithExtraEnablesKnownAndAddsNew(t *testing.T) {
	base := demoCatalog()
	c := base.withExtra([]ExtraGateway{{"cheque", "ignored"}, {"compat_card", "Card"}})
	g, ok := c.gateway("cheque")
	require.True(t, ok)
	assert.True(t, g.Enabled, "cheque enabled")
	assert.Equal(t, "Check payments", g.Title, "a known gateway keeps its title")
	g, ok = c.gateway("compat_card")
	require.True(t, ok)
	assert.True(t, g.Enabled)
	assert.Contains(t, c.enabledGatewayIDs(), "compat_card")
	assert.Contains(t, c.gatewayIDs(), "compat_card", "in the payment_method enum")
	_, ok = base.gateway("compat_card")
	assert.False(t, ok, "the base catalog is unchanged")
	g, _ = base.gateway("cheque")
	assert.False(t, g.Enabled, "the base catalog's cheque is still disabled")
}
