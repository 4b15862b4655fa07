package oscal

import "github.com/sdlkit/iec62443/internal/uuid5"

// sdkNamespace is the name space of every UUID the package writes: the
// version 5 UUID of the URL [Namespace] in the URL name space.
var sdkNamespace = uuid5.New(uuid5.NamespaceURL, Namespace)

// newUUID returns the UUID the package writes for the stable name parts:
// the version 5 UUID of the parts (joined by NUL bytes) in the SDK's name
// space. The same names give the same UUID in every export, so repeated
// exports diff cleanly.
func newUUID(parts ...string) string {
	return uuid5.New(sdkNamespace, uuid5.Join(parts...)).String()
}
