package sbom

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sdlkit/iec62443/problem"
)

func readOSVFixture(t testing.TB, name string) *OSVRecord {
	t.Helper()
	rec, err := DecodeOSV(context.Background(), openFixture(t, "osv/"+name), nil)
	require.NoError(t, err)
	return rec
}

// mustMatch is MatchOSV with a background context, failing the test on
// an error.
func mustMatch(t *testing.T, inv *Inventory, recs []*OSVRecord) *MatchReport {
	t.Helper()
	rep, err := MatchOSV(context.Background(), inv, recs)
	require.NoError(t, err)
	return rep
}

func TestMatchOSV(t *testing.T) {
	inv := readFixture(t, "check/good.cdx.json")
	recs := []*OSVRecord{
		readOSVFixture(t, "zlib-semver.json"),
		readOSVFixture(t, "openssl-fixed.json"),
		readOSVFixture(t, "openssl-ecosystem.json"),
	}
	got := mustMatch(t, inv, recs).Matches
	type m struct {
		vuln, comp string
		st         MatchStatus
	}
	var short []m
	for _, x := range got {
		short = append(short, m{x.Vulnerability, x.Component, x.Status})
		assert.NotEmpty(t, x.Reason)
	}
	assert.Equal(t, []m{
		{"OSV-2026-0001", "pkg:generic/zlib@1.3.1", MatchAffected},                  // last_affected 1.3.1 includes it
		{"OSV-2026-0002", "pkg:generic/openssl@3.0.15", MatchNotAffected},           // fixed in 3.0.14
		{"OSV-2026-0002", "pkg:generic/openssl@3.0.15#libcrypto", MatchNotAffected}, // same purl identity: qualifiers do not count
		{"OSV-2026-0003", "pkg:generic/openssl@3.0.15", MatchUndetermined},          // ECOSYSTEM range
		{"OSV-2026-0003", "pkg:generic/openssl@3.0.15#libcrypto", MatchUndetermined},
	}, short)
	assert.Equal(t, []string{"CVE-2026-10001"}, got[0].Aliases)
	assert.Equal(t, "/components/0", got[0].Pointer)
}

func TestMatchVersion(t *testing.T) {
	semver := func(events ...OSVEvent) OSVAffected {
		return OSVAffected{Ranges: []OSVRange{{Type: "SEMVER", Events: events}}}
	}
	in := func(v string) OSVEvent { return OSVEvent{Introduced: v} }
	fx := func(v string) OSVEvent { return OSVEvent{Fixed: v} }
	la := func(v string) OSVEvent { return OSVEvent{LastAffected: v} }
	tests := []struct {
		name string
		a    OSVAffected
		v    string
		want MatchStatus
	}{
		{"in range", semver(in("1.0.0"), fx("1.5.0")), "1.2.3", MatchAffected},
		{"at introduced", semver(in("1.0.0"), fx("1.5.0")), "1.0.0", MatchAffected},
		{"at fixed", semver(in("1.0.0"), fx("1.5.0")), "1.5.0", MatchNotAffected},
		{"before", semver(in("1.0.0"), fx("1.5.0")), "0.9.9", MatchNotAffected},
		{"zero introduced", semver(in("0"), fx("1.5.0")), "0.0.1", MatchAffected},
		{"prerelease before fix", semver(in("0"), fx("1.5.0")), "1.5.0-rc.1", MatchAffected},
		{"second range", semver(in("1.0.0"), fx("1.5.0"), in("2.0.0"), fx("2.3.0")), "2.1.0", MatchAffected},
		{"between ranges", semver(in("1.0.0"), fx("1.5.0"), in("2.0.0"), fx("2.3.0")), "1.7.0", MatchNotAffected},
		{"last affected", semver(in("1.0.0"), la("1.4.0")), "1.4.0", MatchAffected},
		{"after last affected", semver(in("1.0.0"), la("1.4.0")), "1.4.1", MatchNotAffected},
		{"go v prefix", semver(in("0"), fx("1.5.0")), "v1.4.0", MatchAffected},
		{"not semver", semver(in("0"), fx("1.5.0")), "1.4", MatchUndetermined},
		{"event not semver", semver(in("0"), fx("1.5")), "1.4.0", MatchUndetermined},
		{"no version", semver(in("0")), "", MatchUndetermined},
		{"ecosystem", OSVAffected{Ranges: []OSVRange{{Type: "ECOSYSTEM", Events: []OSVEvent{in("0")}}}}, "1.0.0", MatchUndetermined},
		{"git", OSVAffected{Ranges: []OSVRange{{Type: "GIT", Events: []OSVEvent{in("abc")}}}}, "1.0.0", MatchUndetermined},
		{"ecosystem but listed", OSVAffected{Versions: []string{"1.0.0"}, Ranges: []OSVRange{{Type: "ECOSYSTEM", Events: []OSVEvent{in("0")}}}}, "1.0.0", MatchAffected},
		{"ecosystem, not listed", OSVAffected{Versions: []string{"1.0.1"}, Ranges: []OSVRange{{Type: "ECOSYSTEM", Events: []OSVEvent{in("0")}}}}, "1.0.0", MatchUndetermined},
		{"list only, listed", OSVAffected{Versions: []string{"1.0.0"}}, "1.0.0", MatchAffected},
		{"list only, not listed", OSVAffected{Versions: []string{"1.0.0"}}, "1.0.1", MatchNotAffected},
		{"nothing", OSVAffected{}, "1.0.0", MatchUndetermined},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, why := matchVersion(tt.a, tt.v)
			assert.Equal(t, tt.want, got, why)
		})
	}
}

func TestMatchOSVEcosystemNames(t *testing.T) {
	inv := readFixture(t, "augment.cdx.json")
	got := mustMatch(t, inv, []*OSVRecord{readOSVFixture(t, "versions-list.json")}).Matches
	require.Len(t, got, 2)
	assert.Equal(t, "pkg:npm/left-pad@1.3.0", got[0].Component)
	assert.Equal(t, MatchAffected, got[0].Status)
	assert.Equal(t, "pkg:npm/is-odd@3.0.1", got[1].Component)
	assert.Equal(t, MatchNotAffected, got[1].Status)

	withdrawn := readOSVFixture(t, "versions-list.json")
	withdrawn.Withdrawn = "2026-03-01T00:00:00Z"
	assert.Empty(t, mustMatch(t, inv, []*OSVRecord{withdrawn}).Matches)
}

func TestReadOSVErrors(t *testing.T) {
	_, err := DecodeOSV(context.Background(), openFixture(t, "osv/invalid.json"), nil)
	require.Error(t, err)
	var errs problem.List
	require.ErrorAs(t, err, &errs)
	ptrs := errs.Pointers()
	assert.Equal(t, []string{"/affected/0/package", "/affected/0/ranges/0/events/0", "/affected/0/ranges/0/type", "/id"}, ptrs)

	_, err = DecodeOSV(context.Background(), strings.NewReader(`{"id": "a", "id": "b"}`), nil)
	assert.ErrorIs(t, err, problem.ErrDuplicateKey)
	_, err = DecodeOSV(context.Background(), strings.NewReader(`[`), nil)
	assert.ErrorIs(t, err, problem.ErrSyntax)
}

func TestSemverCompare(t *testing.T) {
	order := []string{"1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.0.1", "1.10.0", "2.0.0"}
	for i := 1; i < len(order); i++ {
		a, ok := parseSemver(order[i-1])
		require.True(t, ok, order[i-1])
		b, ok := parseSemver(order[i])
		require.True(t, ok, order[i])
		assert.Equal(t, -1, a.compare(b), "%s < %s", order[i-1], order[i])
		assert.Equal(t, 1, b.compare(a))
		assert.Equal(t, 0, a.compare(a))
	}
	for _, bad := range []string{"1.0", "01.0.0", "1.0.0-", "1.0.0-a..b", "x.y.z", ""} {
		_, ok := parseSemver(bad)
		assert.False(t, ok, bad)
	}
}

// TestMatchOSVDistributions: Debian, Ubuntu and Alpine records (with a
// release after the ecosystem) match the distribution purls
// pkg:deb/debian/..., pkg:deb/ubuntu/..., pkg:apk/alpine/...; what cannot
// be matched (an unknown ecosystem, components without a usable purl) is
// listed in Skipped, never dropped.
func TestMatchOSVDistributions(t *testing.T) {
	doc := `{"bomFormat":"CycloneDX","specVersion":"1.6","version":1,"components":[
	  {"bom-ref":"zlib","type":"library","name":"zlib1g","version":"1:1.2.13.dfsg-1","purl":"pkg:deb/debian/zlib1g@1:1.2.13.dfsg-1?arch=amd64&distro=debian-12"},
	  {"bom-ref":"ssl","type":"library","name":"openssl","version":"3.0.2-0ubuntu1.15","purl":"pkg:deb/ubuntu/openssl@3.0.2-0ubuntu1.15?distro=ubuntu-22.04"},
	  {"bom-ref":"bb","type":"library","name":"busybox","version":"1.36.1-r5","purl":"pkg:apk/alpine/busybox@1.36.1-r5?distro=alpine-3.18"},
	  {"bom-ref":"nginx","type":"application","name":"nginx","version":"1.25.3"},
	  {"bom-ref":"bad","type":"library","name":"bad","version":"1","purl":"zlib@1.3.1"}]}`
	inv, err := DecodeCycloneDX(context.Background(), strings.NewReader(doc), EncodingJSON, nil)
	require.NoError(t, err)
	rec := readOSVFixture(t, "distros.json")
	// A record built in code may lack what ReadOSV insists on.
	odd := &OSVRecord{ID: "OSV-2026-0101", Affected: []OSVAffected{{Package: OSVPackage{Name: "zlib1g"}}, {Package: OSVPackage{PURL: "not a purl"}}}}
	rep := mustMatch(t, inv, []*OSVRecord{rec, odd})

	type m struct {
		comp string
		st   MatchStatus
	}
	var got []m
	for _, x := range rep.Matches {
		got = append(got, m{x.Component, x.Status})
	}
	assert.Equal(t, []m{
		{"zlib", MatchAffected},    // listed version
		{"ssl", MatchUndetermined}, // ECOSYSTEM range: never not affected
		{"bb", MatchNotAffected},   // complete version list without it
	}, got)

	var skips []MatchSkip
	for _, s := range rep.Skipped {
		assert.NotEmpty(t, s.Reason)
		s.Reason = ""
		skips = append(skips, s)
	}
	assert.Equal(t, []MatchSkip{
		{Component: "nginx", Pointer: "/components/3"},
		{Component: "bad", Pointer: "/components/4/purl"},
		{Vulnerability: "OSV-2026-0100", Pointer: "/affected/3/package"},
		{Vulnerability: "OSV-2026-0101", Pointer: "/affected/0/package"},
		{Vulnerability: "OSV-2026-0101", Pointer: "/affected/1/package"},
	}, skips)
	assert.Contains(t, rep.Skipped[2].Reason, `"Bitnami"`)

}

func TestOSVKeyEcosystems(t *testing.T) {
	tests := []struct {
		pkg  OSVPackage
		want string
	}{
		{OSVPackage{Ecosystem: "Debian", Name: "zlib1g"}, "deb/debian/zlib1g"},
		{OSVPackage{Ecosystem: "Debian:12", Name: "zlib1g"}, "deb/debian/zlib1g"},
		{OSVPackage{Ecosystem: "Ubuntu:Pro:18.04:LTS", Name: "openssl"}, "deb/ubuntu/openssl"},
		{OSVPackage{Ecosystem: "Alpine:v3.18", Name: "busybox"}, "apk/alpine/busybox"},
		{OSVPackage{Ecosystem: "Maven", Name: "org.apache.logging.log4j:log4j-core"}, "maven/org.apache.logging.log4j/log4j-core"},
		{OSVPackage{Ecosystem: "PyPI", Name: "Django_Rest"}, "pypi/django-rest"},
		{OSVPackage{PURL: "pkg:deb/debian/zlib1g"}, "deb/debian/zlib1g"},
		{OSVPackage{Ecosystem: "Bitnami", Name: "nginx"}, ""},
		{OSVPackage{Ecosystem: "Debian"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.pkg.Ecosystem+tt.pkg.PURL, func(t *testing.T) {
			got, why := osvKey(tt.pkg)
			assert.Equal(t, tt.want, got)
			assert.Equal(t, tt.want == "", why != "", why)
		})
	}
}
