package annex

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sdlkit/iec62443/problem"
	"github.com/sdlkit/iec62443/requirement"
)

func TestClassifyProducts(t *testing.T) {
	// Each case is a realistic product; the expected values follow the
	// documented default rules (doc.go), written out by hand.
	tests := []struct {
		name        string
		ctx         Context
		class       CRAClass
		category    Category
		profile     SecurityProfile
		catRule     string
		catDecisive []Parameter
		proDecisive []Parameter
	}{
		{
			name: "PLC with remote access and VPN function",
			ctx: Context{Kind: KindComposite, CRAProducts: []CRAProduct{CRAVPN}, Environment: EnvironmentIndustrialAutomation,
				Exposure: ExposureRemoteAccess, TargetSLC: 2, EssentialFunctions: true, UserTypes: []UserType{UserOperator, UserDeveloper}},
			class: ClassImportantI, category: Category3, profile: ProfileSP2, catRule: "important-product",
			catDecisive: []Parameter{ParamExposure, ParamCRAClass, ParamSafetyRelated},
			proDecisive: []Parameter{ParamTargetSLC, ParamCategory},
		},
		{
			name:  "managed industrial switch (class I point 12)",
			ctx:   Context{Kind: KindComposite, CRAProducts: []CRAProduct{CRARouterModemSwitch}, Exposure: ExposurePlantNetwork, TargetSLC: 2},
			class: ClassImportantI, category: Category3, profile: ProfileSP2, catRule: "important-product",
			catDecisive: []Parameter{ParamExposure, ParamCRAClass, ParamSafetyRelated},
			proDecisive: []Parameter{ParamTargetSLC, ParamCategory},
		},
		{
			name:  "HMI software package on the plant network",
			ctx:   Context{Kind: KindSoftware, Exposure: ExposurePlantNetwork, TargetSLC: 2, EssentialFunctions: true, UserTypes: []UserType{UserOperator}},
			class: ClassDefault, category: Category2, profile: ProfileSP2, catRule: "plant-network",
			catDecisive: []Parameter{ParamExposure, ParamCRAClass, ParamSafetyRelated},
			proDecisive: []Parameter{ParamTargetSLC, ParamCategory},
		},
		{
			name:  "industrial firewall at the internet edge (class II)",
			ctx:   Context{Kind: KindComposite, CRAProducts: []CRAProduct{CRAFirewallIDS}, Exposure: ExposureInternetFacing, TargetSLC: 3},
			class: ClassImportantII, category: Category4, profile: ProfileSP3, catRule: "internet-facing",
			catDecisive: []Parameter{ParamExposure, ParamCRAClass, ParamSafetyRelated},
			proDecisive: []Parameter{ParamTargetSLC, ParamCategory},
		},
		{
			name:  "smartcard secure element (critical)",
			ctx:   Context{Kind: KindHardware, CRAProducts: []CRAProduct{CRASmartcard}, Exposure: ExposureLocalFieldbus, TargetSLC: 4},
			class: ClassCritical, category: Category4, profile: ProfileSP4, catRule: "critical-product",
			catDecisive: []Parameter{ParamCRAClass},
			proDecisive: []Parameter{ParamTargetSLC},
		},
		{
			name:  "temperature sensor without network",
			ctx:   Context{Kind: KindHardware, Exposure: ExposureIsolated, TargetSLC: 1},
			class: ClassDefault, category: Category1, profile: ProfileSP1, catRule: "local-basic",
			catDecisive: []Parameter{ParamExposure, ParamCRAClass, ParamSafetyRelated, ParamEssentialFunctions},
			proDecisive: []Parameter{ParamTargetSLC, ParamCategory},
		},
		{
			name:  "engineering workstation software",
			ctx:   Context{Kind: KindSoftware, Exposure: ExposurePlantNetwork, TargetSLC: 3, UserTypes: []UserType{UserDeveloper, UserIntegrator}},
			class: ClassDefault, category: Category2, profile: ProfileSP3, catRule: "plant-network",
			catDecisive: []Parameter{ParamExposure, ParamCRAClass, ParamSafetyRelated},
			proDecisive: []Parameter{ParamTargetSLC, ParamCategory},
		},
		{
			name:  "industrial cellular router with VPN",
			ctx:   Context{Kind: KindComposite, CRAProducts: []CRAProduct{CRAVPN, CRARouterModemSwitch}, Exposure: ExposureInternetFacing, TargetSLC: 2},
			class: ClassImportantI, category: Category4, profile: ProfileSP3, catRule: "internet-facing",
			catDecisive: []Parameter{ParamExposure, ParamCRAClass, ParamSafetyRelated},
			proDecisive: []Parameter{ParamTargetSLC, ParamCategory},
		},
		{
			name:  "safety controller on a fieldbus",
			ctx:   Context{Kind: KindComposite, Exposure: ExposureLocalFieldbus, TargetSLC: 2, SafetyRelated: true, EssentialFunctions: true},
			class: ClassDefault, category: Category4, profile: ProfileSP3, catRule: "safety-related",
			catDecisive: []Parameter{ParamCRAClass, ParamSafetyRelated},
			proDecisive: []Parameter{ParamTargetSLC, ParamCategory},
		},
		{
			name:  "historian with SIEM function",
			ctx:   Context{Kind: KindSoftware, CRAProducts: []CRAProduct{CRASIEM}, Exposure: ExposurePlantNetwork, TargetSLC: 2},
			class: ClassImportantI, category: Category3, profile: ProfileSP2, catRule: "important-product",
			catDecisive: []Parameter{ParamExposure, ParamCRAClass, ParamSafetyRelated},
			proDecisive: []Parameter{ParamTargetSLC, ParamCategory},
		},
		{
			name:  "remote maintenance gateway without Annex III function",
			ctx:   Context{Kind: KindComposite, Exposure: ExposureRemoteAccess, TargetSLC: 2, UserTypes: []UserType{UserMaintenance}},
			class: ClassDefault, category: Category3, profile: ProfileSP2, catRule: "remote-access",
			catDecisive: []Parameter{ParamExposure, ParamCRAClass, ParamSafetyRelated},
			proDecisive: []Parameter{ParamTargetSLC, ParamCategory},
		},
		{
			name:  "remote I/O module with essential functions",
			ctx:   Context{Kind: KindFirmware, Exposure: ExposureLocalFieldbus, TargetSLC: 1, EssentialFunctions: true},
			class: ClassDefault, category: Category2, profile: ProfileSP2, catRule: "local-essential",
			catDecisive: []Parameter{ParamExposure, ParamCRAClass, ParamSafetyRelated, ParamEssentialFunctions},
			proDecisive: []Parameter{ParamTargetSLC, ParamCategory},
		},
		{
			name:  "smart meter gateway (critical)",
			ctx:   Context{Kind: KindComposite, CRAProducts: []CRAProduct{CRASmartMeterGateway}, Exposure: ExposureInternetFacing, TargetSLC: 3, Environment: EnvironmentCriticalInfrastructure},
			class: ClassCritical, category: Category4, profile: ProfileSP3, catRule: "critical-product",
			catDecisive: []Parameter{ParamCRAClass},
			proDecisive: []Parameter{ParamTargetSLC, ParamCategory},
		},
		{
			name:  "edge container runtime (class II) on the plant network",
			ctx:   Context{Kind: KindSoftware, CRAProducts: []CRAProduct{CRAHypervisorContainerRuntime, CRAOperatingSystem}, Exposure: ExposurePlantNetwork, TargetSLC: 3},
			class: ClassImportantII, category: Category3, profile: ProfileSP3, catRule: "important-product",
			catDecisive: []Parameter{ParamExposure, ParamCRAClass, ParamSafetyRelated},
			proDecisive: []Parameter{ParamTargetSLC, ParamCategory},
		},
	}
	require.GreaterOrEqual(t, len(tests), 10)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Classify(tt.ctx, nil)
			require.NoError(t, err)
			assert.Equal(t, tt.class, got.CRAClass, "CRA class")
			assert.Equal(t, tt.category, got.Category, "category")
			assert.Equal(t, tt.profile, got.Profile, "profile")
			require.Len(t, got.Trace, 3)
			assert.Equal(t, tt.catRule, got.Trace[1].Rule)
			assert.Equal(t, tt.catDecisive, got.Decisive(ParamCategory), "decisive parameters of the category")
			assert.Equal(t, tt.proDecisive, got.Decisive(ParamProfile), "decisive parameters of the profile")
			assert.Empty(t, got.Findings)
			assert.True(t, got.Provisional)
			for _, d := range got.Trace {
				assert.NotEmpty(t, d.Rationale)
				assert.NotEmpty(t, d.Decisive)
			}
		})
	}
}

func TestClassifyCRAClassDerivation(t *testing.T) {
	t.Run("declared class lower than derived is a finding, derived wins", func(t *testing.T) {
		got, err := Classify(Context{Kind: KindComposite, CRAClass: ClassDefault, CRAProducts: []CRAProduct{CRAVPN, CRAFirewallIDS},
			Exposure: ExposurePlantNetwork, TargetSLC: 2}, nil)
		require.NoError(t, err)
		assert.Equal(t, ClassImportantII, got.CRAClass)
		require.Len(t, got.Findings, 1)
		f := got.Findings[0]
		assert.Equal(t, ruleCRAClassUnderstated, f.Rule)
		assert.Equal(t, requirement.SeverityHigh, f.Severity)
		assert.Equal(t, "/cra_class", f.Pointer)
		assert.Contains(t, f.Message, "Annex III Class II (2)")
		assert.Equal(t, []Factor{{ParamCRAProducts, "firewall-ids-ips (Annex III Class II (2))"}}, got.Trace[0].Decisive)
	})
	t.Run("declared higher class is honoured", func(t *testing.T) {
		got, err := Classify(Context{Kind: KindSoftware, CRAClass: ClassImportantI, Exposure: ExposureIsolated, TargetSLC: 1}, nil)
		require.NoError(t, err)
		assert.Equal(t, ClassImportantI, got.CRAClass)
		assert.Equal(t, Category3, got.Category)
		assert.Equal(t, []Parameter{ParamDeclaredCRAClass}, got.Decisive(ParamCRAClass))
		require.Len(t, got.Findings, 1)
		assert.Equal(t, ruleCRAClassUnexplained, got.Findings[0].Rule)
	})
	t.Run("no listed point is the default class", func(t *testing.T) {
		got, err := Classify(Context{Kind: KindSoftware, Exposure: ExposureIsolated, TargetSLC: 1}, nil)
		require.NoError(t, err)
		assert.Equal(t, ClassDefault, got.CRAClass)
		assert.Equal(t, []Factor{{ParamCRAProducts, "none listed"}}, got.Trace[0].Decisive)
	})
}

func TestClassifyInvalidContext(t *testing.T) {
	_, err := Classify(Context{CRAProducts: []CRAProduct{CRAVPN, 99, CRAVPN}, CRAClass: 7, Exposure: 0, TargetSLC: 5, UserTypes: []UserType{0}}, nil)
	require.Error(t, err)
	assert.ErrorIs(t, err, problem.ErrInvalidDocument)
	assert.ErrorIs(t, err, problem.ErrInvalidValue)
	assert.ErrorIs(t, err, problem.ErrDuplicate)
	var list problem.List
	require.ErrorAs(t, err, &list)
	ptrs := list.Pointers()
	assert.Equal(t, []string{"/cra_class", "/cra_products/1", "/cra_products/2", "/exposure", "/kind", "/target_sl_c", "/user_types/0"}, ptrs)
}

func TestContextJSONRoundTrip(t *testing.T) {
	in := Context{Kind: KindComposite, CRAProducts: []CRAProduct{CRAVPN}, CRAClass: ClassImportantI, Environment: EnvironmentIndustrialAutomation,
		Exposure: ExposureRemoteAccess, TargetSLC: 2, EssentialFunctions: true, UserTypes: []UserType{UserOperator},
		SupportPeriod: SupportPeriod{Months: 120, Rationale: "expected plant lifetime"}}
	b, err := json.Marshal(in)
	require.NoError(t, err)
	assert.JSONEq(t, `{"kind":"composite","cra_products":["vpn"],"cra_class":"important-class-i","environment":"industrial-automation",
		"exposure":"remote-access","target_sl_c":2,"essential_functions":true,"user_types":["operator"],
		"support_period":{"months":120,"rationale":"expected plant lifetime"}}`, string(b))
	var out Context
	require.NoError(t, json.Unmarshal(b, &out))
	assert.Equal(t, in, out)
	// Annex references are accepted for product categories.
	require.NoError(t, json.Unmarshal([]byte(`{"kind":"software","cra_products":["Annex III Class I (7)","IV.3"],"exposure":"isolated","target_sl_c":1}`), &out))
	assert.Equal(t, []CRAProduct{CRASIEM, CRASmartcard}, out.CRAProducts)
}

func TestCRAProductsPinned(t *testing.T) {
	// Hand-written from CRA Annexes III and IV: every point with its class.
	want := map[string]string{
		"identity-access-management": "Annex III Class I (1)", "browser": "Annex III Class I (2)", "password-manager": "Annex III Class I (3)",
		"malware-protection": "Annex III Class I (4)", "vpn": "Annex III Class I (5)", "network-management": "Annex III Class I (6)",
		"siem": "Annex III Class I (7)", "boot-manager": "Annex III Class I (8)", "pki": "Annex III Class I (9)",
		"network-interface": "Annex III Class I (10)", "operating-system": "Annex III Class I (11)", "router-modem-switch": "Annex III Class I (12)",
		"security-microprocessor": "Annex III Class I (13)", "security-microcontroller": "Annex III Class I (14)", "security-asic-fpga": "Annex III Class I (15)",
		"smart-home-assistant": "Annex III Class I (16)", "smart-home-security": "Annex III Class I (17)", "connected-toy": "Annex III Class I (18)",
		"wearable":                     "Annex III Class I (19)",
		"hypervisor-container-runtime": "Annex III Class II (1)", "firewall-ids-ips": "Annex III Class II (2)",
		"tamper-resistant-microprocessor": "Annex III Class II (3)", "tamper-resistant-microcontroller": "Annex III Class II (4)",
		"security-box": "Annex IV (1)", "smart-meter-gateway": "Annex IV (2)", "smartcard-secure-element": "Annex IV (3)",
	}
	all := CRAProducts()
	require.Len(t, all, len(want))
	for _, p := range all {
		assert.Equal(t, want[p.String()], p.Ref().String(), p.String())
		assert.NotEmpty(t, p.Label())
		r := p.Ref()
		switch {
		case r.Annex == 4:
			assert.Equal(t, ClassCritical, p.Class())
		case r.Class == 2:
			assert.Equal(t, ClassImportantII, p.Class())
		default:
			assert.Equal(t, ClassImportantI, p.Class())
		}
		back, ok := CRAProductForRef(r)
		assert.True(t, ok)
		assert.Equal(t, p, back)
	}
}

func BenchmarkClassify(b *testing.B) {
	ctx := Context{Kind: KindComposite, CRAProducts: []CRAProduct{CRAVPN, CRARouterModemSwitch}, Exposure: ExposureRemoteAccess, TargetSLC: 3, EssentialFunctions: true}
	DefaultRuleTable()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Classify(ctx, nil); err != nil {
			b.Fatal(err)
		}
	}
}

func TestDecodeContext(t *testing.T) {
	f, err := os.Open("testdata/context-plc.json")
	require.NoError(t, err)
	defer f.Close()
	ctx, err := DecodeContext(f, nil)
	require.NoError(t, err)
	assert.Equal(t, []CRAProduct{CRAVPN}, ctx.CRAProducts)
	assert.Equal(t, 120, ctx.SupportPeriod.Months)
	c, err := Classify(ctx, nil)
	require.NoError(t, err)
	assert.Equal(t, Category3, c.Category)

	_, err = DecodeContext(strings.NewReader(`{"kind":"gadget","exposure":"cloud","target_sl_c":5,"cra_products":["vpn","vpn"],"colour":"red"}`), nil)
	require.Error(t, err)
	assert.ErrorIs(t, err, problem.ErrSchema)
	var list problem.List
	require.ErrorAs(t, err, &list)
	ptrs := list.Pointers()
	assert.Equal(t, []string{"", "/cra_products", "/exposure", "/kind", "/target_sl_c"}, ptrs)
	var s map[string]any
	require.NoError(t, json.Unmarshal(ContextSchema(), &s))
	assert.Equal(t, ContextSchemaURL, s["$id"])
}

func TestDecodeContextJustification(t *testing.T) {
	c, err := DecodeContext(strings.NewReader(`{"kind":"firmware","exposure":"plant-network","target_sl_c":2,
		"support_period":{"months":120,"expected_use_months":180,"rationale":"r","justification":"the OS is supported for ten years"}}`), nil)
	require.NoError(t, err)
	assert.Equal(t, "the OS is supported for ten years", c.SupportPeriod.Justification)
	assert.Empty(t, CheckSupportPeriod(c.SupportPeriod))
}
