package maturity

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sdlkit/iec62443/annex"
	"github.com/sdlkit/iec62443/internal/schema"
	"github.com/sdlkit/iec62443/practice"
	"github.com/sdlkit/iec62443/problem"
	"github.com/sdlkit/iec62443/requirement"
)

func TestSchemaCompiles(t *testing.T) {
	_, err := schema.Compile(SchemaID, Schema())
	require.NoError(t, err)
}

func TestDecodeFixtureRoundTrip(t *testing.T) {
	data, err := os.ReadFile("testdata/plc-family.json")
	require.NoError(t, err)
	m, err := Decode(bytes.NewReader(data), nil)
	require.NoError(t, err)
	assert.Len(t, m.Scope.Projects, 3)
	for _, p := range m.Scope.Projects {
		assert.Len(t, p.Releases, 2)
	}
	var out bytes.Buffer
	require.NoError(t, Encode(&out, m))
	assert.Equal(t, string(data), out.String(), "encoding the decoded fixture reproduces it byte for byte")
	back, err := Decode(&out, nil)
	require.NoError(t, err)
	assert.Equal(t, m, back)
}

const minimal = `{"schema_version": "1", "scope": {"projects": [{"id": "p", "releases": [{"id": "1"}]}]}, "evidence": [%s]}`

func manifestWith(evidence ...string) string {
	return strings.Replace(minimal, "%s", strings.Join(evidence, ","), 1)
}

func evidenceJSON(fields string) string {
	return `{"id": "E", "kind": "threat-model", "requirements": ["SRM-3"], "uri": "u", "sha256": "` + digest + `", "produced": "2025-01-01", "producer": "x"` + fields + `}`
}

// notificationJSON is an incident-notification record with the given
// notification object.
func notificationJSON(notification string) string {
	return strings.Replace(evidenceJSON(`, "notification": `+notification), "threat-model", "incident-notification", 1)
}

type wantErr struct {
	ptr    string
	target error
}

func TestDecodeErrors(t *testing.T) {
	tests := []struct {
		name string
		doc  string
		opts *DecodeOptions
		want []wantErr
	}{
		{name: "unknown requirement", doc: manifestWith(strings.Replace(evidenceJSON(""), "SRM-3", "SM-99", 1)),
			want: []wantErr{{"/evidence/0/requirements/0", problem.ErrUnknownID}}},
		{name: "A11 ID under the 2018 catalog", doc: manifestWith(evidenceJSON("")), opts: &DecodeOptions{Catalog: mustCatalog(t, practice.Edition2018)},
			want: []wantErr{{"/evidence/0/requirements/0", problem.ErrUnknownID}}},
		{name: "unknown artifact kind", doc: manifestWith(strings.Replace(evidenceJSON(""), "threat-model", "magic-scroll", 1)),
			want: []wantErr{{"/evidence/0/kind", problem.ErrInvalidValue}}},
		{name: "project not in scope", doc: manifestWith(evidenceJSON(`, "project": "q"`)),
			want: []wantErr{{"/evidence/0/project", problem.ErrDanglingReference}}},
		{name: "release not in scope", doc: manifestWith(evidenceJSON(`, "project": "p", "release": "2"`)),
			want: []wantErr{{"/evidence/0/release", problem.ErrDanglingReference}}},
		{name: "every problem is reported", doc: manifestWith(
			strings.Replace(evidenceJSON(`, "project": "p", "release": "9"`), "threat-model", "magic-scroll", 1),
			strings.Replace(strings.Replace(evidenceJSON(""), `"E"`, `"F"`, 1), "SRM-3", "SG-77", 1),
			strings.Replace(evidenceJSON(""), `"E"`, `"F"`, 1)),
			want: []wantErr{
				{"/evidence/0/kind", problem.ErrInvalidValue},
				{"/evidence/0/release", problem.ErrDanglingReference},
				{"/evidence/1/requirements/0", problem.ErrUnknownID},
				{"/evidence/2/id", problem.ErrDuplicate},
			}},
		{name: "upper-case digest", doc: manifestWith(strings.Replace(evidenceJSON(""), digest, strings.ToUpper(digest), 1)),
			want: []wantErr{{"/evidence/0/sha256", problem.ErrSchema}}},
		{name: "short digest", doc: manifestWith(strings.Replace(evidenceJSON(""), digest, digest[:63], 1)),
			want: []wantErr{{"/evidence/0/sha256", problem.ErrSchema}}},
		{name: "impossible date", doc: manifestWith(strings.Replace(evidenceJSON(""), "2025-01-01", "2025-02-30", 1)),
			want: []wantErr{{"/evidence/0/produced", problem.ErrSchema}}},
		{name: "release without project", doc: manifestWith(evidenceJSON(`, "release": "1"`)),
			want: []wantErr{{"/evidence/0", problem.ErrSchema}}},
		{name: "retention before production", doc: manifestWith(evidenceJSON(`, "retention_until": "2024-01-01"`)),
			want: []wantErr{{"/evidence/0/retention_until", problem.ErrInvalidValue}}},
		{name: "wrong schema version", doc: strings.Replace(manifestWith(), `"1", "scope"`, `"2", "scope"`, 1),
			want: []wantErr{{"/schema_version", problem.ErrSchema}}},
		{name: "unknown field", doc: manifestWith(evidenceJSON(`, "colour": "red"`)),
			want: []wantErr{{"/evidence/0", problem.ErrSchema}}},
		{name: "duplicate key", doc: `{"schema_version": "1", "schema_version": "1", "scope": {"projects": []}}`,
			want: []wantErr{{"/schema_version", problem.ErrDuplicateKey}}},
		{name: "empty scope", doc: `{"schema_version": "1", "scope": {"projects": []}}`,
			want: []wantErr{{"/scope/projects", problem.ErrSchema}}},
		{name: "syntax", doc: `{"schema_version": "1",`, want: []wantErr{{"/schema_version", problem.ErrSyntax}}},
		{name: "too large", doc: manifestWith(evidenceJSON("")), opts: &DecodeOptions{Limits: requirement.Limits{MaxBytes: 100}}, want: []wantErr{{"", problem.ErrLimit}}},
		{name: "audit improvement without audit", doc: `{"schema_version": "1", "scope": {"projects": [{"id": "p", "releases": [{"id": "1"}]}]},
			"improvements": [{"id": "I", "practice": "DM", "source": "internal-audit", "summary": "s", "opened": "2025-01-01"}]}`,
			want: []wantErr{{"/improvements/0", problem.ErrSchema}}},
		{name: "improvement names a missing audit", doc: `{"schema_version": "1", "scope": {"projects": [{"id": "p", "releases": [{"id": "1"}]}]},
			"improvements": [{"id": "I", "practice": "DM", "source": "internal-audit", "audit": "A", "summary": "s", "opened": "2025-01-01", "closed": "2024-01-01"}]}`,
			want: []wantErr{{"/improvements/0/audit", problem.ErrDanglingReference}, {"/improvements/0/closed", problem.ErrInvalidValue}}},
		{name: "SRM under the 2018 catalog", opts: &DecodeOptions{Catalog: mustCatalog(t, practice.Edition2018)},
			doc: `{"schema_version": "1", "scope": {"projects": [{"id": "p", "releases": [{"id": "1"}]}]},
			"procedures": [{"id": "P", "practice": "SRM", "title": "t", "uri": "u"}]}`,
			want: []wantErr{{"/procedures/0/practice", problem.ErrWrongEdition}}},
		{name: "notification data on another kind", doc: manifestWith(evidenceJSON(`, "notification": {"stage": "early-warning"}`)),
			want: []wantErr{{"/evidence/0/notification", problem.ErrInvalidValue}}},
		{name: "notification sent before awareness", doc: manifestWith(notificationJSON(`{"stage": "early-warning", "aware": "2026-10-05T09:40:00+02:00", "sent": "2026-10-05T07:39:59Z"}`)),
			want: []wantErr{{"/evidence/0/notification/sent", problem.ErrInvalidValue}}},
		{name: "final report before the incident notification", doc: manifestWith(notificationJSON(`{"event": "severe-incident", "stage": "final-report", "aware": "2026-10-05T09:40:00Z", "notification_sent": "2026-10-07T09:40:00Z", "sent": "2026-10-06T09:40:00Z"}`)),
			want: []wantErr{{"/evidence/0/notification/sent", problem.ErrInvalidValue}}},
		{name: "measure time on an early warning", doc: manifestWith(notificationJSON(`{"stage": "early-warning", "measure_available": "2026-10-05T09:40:00Z"}`)),
			want: []wantErr{{"/evidence/0/notification/measure_available", problem.ErrInvalidValue}}},
		{name: "measure time on an incident", doc: manifestWith(notificationJSON(`{"event": "severe-incident", "stage": "final-report", "measure_available": "2026-10-05T09:40:00Z"}`)),
			want: []wantErr{{"/evidence/0/notification/measure_available", problem.ErrInvalidValue}}},
		{name: "notification time on a vulnerability", doc: manifestWith(notificationJSON(`{"event": "actively-exploited-vulnerability", "notification_sent": "2026-10-05T09:40:00Z"}`)),
			want: []wantErr{{"/evidence/0/notification/notification_sent", problem.ErrInvalidValue}}},
		{name: "instant without time", doc: manifestWith(notificationJSON(`{"aware": "2026-10-05"}`)),
			want: []wantErr{{"/evidence/0/notification/aware", problem.ErrSchema}, {"/evidence/0/notification/aware", problem.ErrSchema}}}, // format and pattern
		{name: "instant without offset", doc: manifestWith(notificationJSON(`{"aware": "2026-10-05T09:40:00"}`)),
			want: []wantErr{{"/evidence/0/notification/aware", problem.ErrSchema}, {"/evidence/0/notification/aware", problem.ErrSchema}}},
		{name: "leap second", doc: manifestWith(notificationJSON(`{"sent": "2026-12-31T23:59:60Z"}`)),
			want: []wantErr{{"/evidence/0/notification/sent", problem.ErrSchema}}},
		{name: "impossible instant", doc: manifestWith(notificationJSON(`{"sent": "2026-02-30T10:00:00Z"}`)),
			want: []wantErr{{"/evidence/0/notification/sent", problem.ErrSchema}}},
		{name: "unknown stage", doc: manifestWith(notificationJSON(`{"stage": "warning"}`)),
			want: []wantErr{{"/evidence/0/notification/stage", problem.ErrSchema}}},
		{name: "empty notification", doc: manifestWith(notificationJSON(`{}`)),
			want: []wantErr{{"/evidence/0/notification", problem.ErrSchema}}},
		{name: "unknown notification field", doc: manifestWith(notificationJSON(`{"received": "2026-10-05T09:40:00Z"}`)),
			want: []wantErr{{"/evidence/0/notification", problem.ErrSchema}}},
		{name: "duplicate release", doc: `{"schema_version": "1", "scope": {"projects": [{"id": "p", "releases": [{"id": "1"}, {"id": "1"}]}]}}`,
			want: []wantErr{{"/scope/projects/0/releases/1/id", problem.ErrDuplicate}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := Decode(strings.NewReader(tt.doc), tt.opts)
			assert.Nil(t, m)
			require.Error(t, err)
			assert.ErrorIs(t, err, problem.ErrInvalidDocument)
			var errs problem.List
			require.ErrorAs(t, err, &errs, "%T", err)
			var got []wantErr
			for _, e := range errs {
				got = append(got, wantErr{e.Pointer, e.Err})
				assert.NotEmpty(t, e.Message)
			}
			assert.Equal(t, tt.want, got, "errors: %v", errs)
		})
	}
}

func TestValidateGoBuilt(t *testing.T) {
	m := fullSI()
	m.Evidence[1].SHA256 = "xyz"
	m.Evidence[2].Kind = "scroll"
	m.Evidence[3].Requirements = []requirement.ID{"sm-1"}
	m.Competence[0].Kind = 0
	m.Improvements[0].Source = 0
	err := m.Validate(nil)
	var errs problem.List
	require.ErrorAs(t, err, &errs)
	ptrs := errs.Pointers()
	assert.Equal(t, []string{"/competence/0/kind", "/evidence/1/sha256", "/evidence/2/kind", "/evidence/3/requirements/0", "/improvements/0/source"}, ptrs)
	assert.ErrorIs(t, err, problem.ErrInvalidID)
	assert.NoError(t, fullSI().Validate(nil))
}

// Notification times keep their instant and offset through decode and
// encode.
func TestNotificationRoundTrip(t *testing.T) {
	doc := manifestWith(notificationJSON(`{"event": "actively-exploited-vulnerability", "stage": "final-report", "aware": "2026-10-05T09:40:00+02:00", "sent": "2026-10-26T12:00:00.25-05:00", "measure_available": "2026-10-12T11:00:00Z"}`))
	m, err := Decode(strings.NewReader(doc), nil)
	require.NoError(t, err)
	n := m.Evidence[0].Notification
	assert.Equal(t, annex.EventExploitedVulnerability, n.Event)
	assert.Equal(t, StageFinalReport, n.Stage)
	assert.True(t, n.Aware.Equal(time.Date(2026, time.October, 5, 7, 40, 0, 0, time.UTC)))
	assert.True(t, n.Sent.Equal(time.Date(2026, time.October, 26, 17, 0, 0, 250_000_000, time.UTC)))
	_, off := n.Sent.Zone()
	assert.Equal(t, -5*3600, off)
	assert.True(t, n.NotificationSent.IsZero())

	var out bytes.Buffer
	require.NoError(t, Encode(&out, m))
	for _, want := range []string{`"aware": "2026-10-05T09:40:00+02:00"`, `"sent": "2026-10-26T12:00:00.25-05:00"`, `"measure_available": "2026-10-12T11:00:00Z"`, `"stage": "final-report"`} {
		assert.Contains(t, out.String(), want)
	}
	assert.NotContains(t, out.String(), "notification_sent")
	back, err := Decode(&out, nil)
	require.NoError(t, err)
	assert.Equal(t, m, back)

	// A record without notification data writes no notification object.
	out.Reset()
	require.NoError(t, Encode(&out, fullSI()))
	assert.NotContains(t, out.String(), `"notification"`)
}

func TestValidateNotificationGoBuilt(t *testing.T) {
	m := fullSI()
	e := record("N", requirement.ArtifactIncidentNotification, "a", "1", "2040-01-01", requirement.SI2)
	e.Notification = Notification{Event: 7, Stage: 9}
	m.Evidence = append(m.Evidence, e)
	err := m.Validate(nil)
	var errs problem.List
	require.ErrorAs(t, err, &errs)
	var ptrs []string
	for _, e := range errs {
		ptrs = append(ptrs, e.Pointer)
		assert.ErrorIs(t, e, problem.ErrInvalidValue)
	}
	assert.Equal(t, []string{"/evidence/7/notification/event", "/evidence/7/notification/stage"}, ptrs)
}

func TestEncodeIsDeterministic(t *testing.T) {
	m := fullSI()
	var a, b bytes.Buffer
	require.NoError(t, Encode(&a, m))
	require.NoError(t, Encode(&b, m))
	assert.Equal(t, a.String(), b.String())
	back, err := Decode(&a, nil)
	require.NoError(t, err)
	assert.Equal(t, m, back)
}

func TestDecodeDepthAndStringLimits(t *testing.T) {
	data, err := os.ReadFile("testdata/plc-family.json")
	require.NoError(t, err)
	_, err = Decode(bytes.NewReader(data), &DecodeOptions{Limits: requirement.Limits{MaxDepth: 2}})
	require.ErrorIs(t, err, problem.ErrLimit)
	_, err = Decode(bytes.NewReader(data), &DecodeOptions{Limits: requirement.Limits{MaxStringLen: 8}})
	require.ErrorIs(t, err, problem.ErrLimit)
}
