package attest

import (
	"bytes"
	"encoding"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	cdx "github.com/CycloneDX/cyclonedx-go"

	"github.com/sdlkit/iec62443/internal/docjson"
	"github.com/sdlkit/iec62443/internal/jsonptr"
	"github.com/sdlkit/iec62443/internal/located"
	"github.com/sdlkit/iec62443/practice"
	"github.com/sdlkit/iec62443/problem"
	"github.com/sdlkit/iec62443/requirement"
	"github.com/sdlkit/iec62443/soa"
)

// DecodeOptions bounds what [DecodeClaims] reads. A nil *DecodeOptions means
// defaults.
type DecodeOptions struct {
	// Limits bounds the document. Zero fields mean: 32 MiB, depth 64, strings
	// of 1 MiB, 200,000 members per object or array, 1,000 problems.
	Limits requirement.Limits
}

func (o *DecodeOptions) limits() (docjson.Limits, int) {
	if o == nil {
		return docjson.Limits{}, 0
	}
	l := o.Limits
	return docjson.Limits{MaxBytes: l.MaxBytes, MaxDepth: l.MaxDepth, MaxStringLen: l.MaxStringLen, MaxEntries: l.MaxEntries}, l.MaxProblems
}

// DecodeClaims reads the claims of a CycloneDX document (JSON, 1.6 or later)
// that [EncodeAssessment] wrote: one [Claim] per entry of the attestation's
// map, in its order, from the claim it names, the evidence the claim cites
// (the statement of applicability entry, the artifacts with the digests of
// the claim's external references), its counter-evidence (the gaps) and the
// map entry's conformance. Decoding the output of EncodeAssessment gives
// [ClaimsOf] of the report back.
//
// The document must be UTF-8 JSON within the limits, without duplicate keys,
// that cyclonedx-go reads; every problem is reported, located by JSON
// pointer, as a [problem.List]: problem.ErrSyntax, ErrLimit,
// ErrDuplicateKey; problem.ErrUnsupported for a version before 1.6;
// problem.ErrDanglingReference for a bom-ref the document lacks;
// problem.ErrInvalidValue for a value the SDK does not know (a decision, a
// status, a date). A document without declarations has no claims.
func DecodeClaims(r io.Reader, opts *DecodeOptions) ([]Claim, error) {
	if r == nil {
		return nil, fmt.Errorf("attest: decode claims: nil reader: %w", problem.ErrNilInput)
	}
	lim, maxProblems := opts.limits()
	data, errs := docjson.ReadAll(r, lim)
	if errs != nil {
		return nil, fmt.Errorf("attest: claims: %w", errs.ErrMax(maxProblems))
	}
	if errs := docjson.Check(data, lim); errs != nil {
		return nil, fmt.Errorf("attest: claims: %w", errs.ErrMax(maxProblems))
	}
	var bom cdx.BOM
	if err := cdx.NewBOMDecoder(bytes.NewReader(data), cdx.BOMFileFormatJSON).Decode(&bom); err != nil {
		var errs located.Errors
		errs.Add("", problem.ErrSchema, "not a CycloneDX document: %v", err)
		return nil, fmt.Errorf("attest: claims: %w", errs.Err())
	}
	if bom.SpecVersion < cdx.SpecVersion1_6 {
		var errs located.Errors
		errs.Add("/specVersion", problem.ErrUnsupported, "CycloneDX %s has no declarations (want 1.6 or later)", bom.SpecVersion)
		return nil, fmt.Errorf("attest: claims: %w", errs.Err())
	}
	d := decoder{bom: &bom}
	claims := d.claims()
	if err := d.errs.ErrMax(maxProblems); err != nil {
		return nil, fmt.Errorf("attest: claims: %w", err)
	}
	return claims, nil
}

type stdReq struct {
	edition requirement.Edition
	id      requirement.ID
	title   string
}

type decoder struct {
	bom  *cdx.BOM
	errs located.Errors
}

func (d *decoder) claims() []Claim {
	decl := d.bom.Declarations
	if decl == nil || decl.Attestations == nil {
		return nil
	}
	reqs := d.standardRequirements()
	evidence := map[string]cdx.DeclarationEvidence{}
	if decl.Evidence != nil {
		for _, e := range *decl.Evidence {
			evidence[e.BOMRef] = e
		}
	}
	claims := map[string]int{}
	if decl.Claims != nil {
		for i, c := range *decl.Claims {
			claims[c.BOMRef] = i
		}
	}
	var out []Claim
	for i, a := range *decl.Attestations {
		if a.Map == nil {
			continue
		}
		for j, m := range *a.Map {
			ptr := jsonptr.Index(jsonptr.Index("/declarations/attestations", i)+"/map", j)
			sr, ok := reqs[m.Requirement]
			if !ok {
				d.errs.Add(ptr+"/requirement", problem.ErrDanglingReference, "requirement %q is not a requirement of the document's standards", clip(m.Requirement))
				continue
			}
			if m.Claims == nil || len(*m.Claims) == 0 {
				continue
			}
			ci, ok := claims[string((*m.Claims)[0])]
			if !ok {
				d.errs.Add(ptr+"/claims/0", problem.ErrDanglingReference, "claim %q is not in the document's claims", clip(string((*m.Claims)[0])))
				continue
			}
			c := Claim{Requirement: sr.id, Edition: sr.edition, Title: sr.title}
			d.claim(&c, (*decl.Claims)[ci], jsonptr.Index("/declarations/claims", ci), evidence)
			if m.Conformance != nil {
				if m.Conformance.Score != nil {
					c.Conformance = *m.Conformance.Score
				}
				c.Rationale = m.Conformance.Rationale
			}
			out = append(out, c)
		}
	}
	return out
}

// standardRequirements indexes the requirements of the document's standards
// by bom-ref; the practices (properties kind=practice) are left out.
func (d *decoder) standardRequirements() map[string]stdReq {
	out := map[string]stdReq{}
	if d.bom.Definitions == nil || d.bom.Definitions.Standards == nil {
		return out
	}
	for i, s := range *d.bom.Definitions.Standards {
		e, _ := practice.ParseEdition(s.BOMRef[strings.LastIndexByte(s.BOMRef, '/')+1:])
		if s.Requirements == nil {
			continue
		}
		for j, r := range *s.Requirements {
			if property(r.Properties, "kind") == "practice" {
				continue
			}
			id, err := requirement.ParseID(r.Identifier)
			if err != nil {
				ptr := jsonptr.Index(jsonptr.Index("/definitions/standards", i)+"/requirements", j)
				d.errs.Add(ptr+"/identifier", problem.ErrInvalidID, "%q is not a requirement ID (want PREFIX-N such as \"SM-1\")", clip(r.Identifier))
				continue
			}
			out[r.BOMRef] = stdReq{edition: e, id: id, title: r.Title}
		}
	}
	return out
}

func property(ps *[]cdx.Property, name string) string {
	if ps == nil {
		return ""
	}
	for _, p := range *ps {
		if p.Name == PropertyPrefix+name {
			return p.Value
		}
	}
	return ""
}

func (d *decoder) claim(c *Claim, cl cdx.Claim, ptr string, evidence map[string]cdx.DeclarationEvidence) {
	c.Justification = cl.Reasoning
	digests := map[string]string{}
	if cl.ExternalReferences != nil {
		for _, er := range *cl.ExternalReferences {
			if er.Type != cdx.ERTypeEvidence || er.Hashes == nil {
				continue
			}
			for _, h := range *er.Hashes {
				if h.Algorithm == cdx.HashAlgoSHA256 {
					digests[er.URL] = h.Value
				}
			}
		}
	}
	lookup := func(refs *[]cdx.BOMReference, member string, f func(cdx.DeclarationEvidence, string)) {
		if refs == nil {
			return
		}
		for k, ref := range *refs {
			p := jsonptr.Index(ptr+"/"+member, k)
			e, ok := evidence[string(ref)]
			if !ok {
				d.errs.Add(p, problem.ErrDanglingReference, "evidence %q is not in the document's evidence", clip(string(ref)))
				continue
			}
			f(e, p)
		}
	}
	lookup(cl.Evidence, "evidence", func(e cdx.DeclarationEvidence, p string) {
		data := evidenceData(e)
		switch e.PropertyName {
		case PropertyPrefix + "soa-entry":
			d.text(p, "decision", data["decision"], &c.Decision)
			d.text(p, "basis", data["basis"], &c.Basis)
			d.text(p, "status", data["status"], &c.Status)
			c.InheritedFrom = data["inherited-from"]
		case PropertyPrefix + "artifact":
			ev := soa.EvidenceRef{URI: data["artifact"], Description: e.Description, SHA256: digests[data["artifact"]]}
			d.text(p, "kind", data["kind"], &ev.Kind)
			if e.Created != "" {
				t, err := time.Parse(time.RFC3339, e.Created)
				if err != nil {
					d.errs.Add(p, problem.ErrInvalidValue, "evidence %q: created %q is not an RFC 3339 time", clip(e.BOMRef), clip(e.Created))
				} else {
					ev.Date = requirement.DateOf(t.UTC())
				}
			}
			c.Evidence = append(c.Evidence, ev)
		}
	})
	lookup(cl.CounterEvidence, "counterEvidence", func(e cdx.DeclarationEvidence, p string) {
		data := evidenceData(e)
		f := requirement.Finding{
			Rule: requirement.RuleID(data["rule"]), Requirement: requirement.ID(data["requirement"]),
			Pointer: data["pointer"], Subject: data["subject"], Message: e.Description,
		}
		d.text(p, "severity", data["severity"], &f.Severity)
		d.text(p, "basis", data["basis"], &f.Basis)
		d.text(p, "edition", data["edition"], &f.Edition)
		c.Gaps = append(c.Gaps, f)
	})
}

// evidenceData returns the named data of an evidence element: the text of
// an attachment, or the URL of a reference.
func evidenceData(e cdx.DeclarationEvidence) map[string]string {
	out := map[string]string{}
	if e.Data == nil {
		return out
	}
	for _, dt := range *e.Data {
		switch {
		case dt.Contents == nil:
		case dt.Contents.Attachment != nil:
			out[dt.Name] = dt.Contents.Attachment.Content
		default:
			out[dt.Name] = dt.Contents.URL
		}
	}
	return out
}

// text parses the value of evidence data name into v; "" leaves v unset.
func (d *decoder) text(ptr, name, value string, v encoding.TextUnmarshaler) {
	if value == "" {
		return
	}
	if err := v.UnmarshalText([]byte(value)); err != nil {
		d.errs.Add(ptr, problem.ErrInvalidValue, "%s %s", name, strconv.Quote(clip(value)))
	}
}

// clip shortens s for a message, on a rune boundary.
func clip(s string) string {
	n := 0
	for i := range s {
		if n == 40 {
			return s[:i] + "..."
		}
		n++
	}
	return s
}
