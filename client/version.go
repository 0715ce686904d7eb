package client

// Version is this module's version; it is sent in the User-Agent header as
// "xisecrets-go/<Version>" so the vendor can tell our traffic apart.
const Version = "0.1.0"

// userAgent is computed once: it never changes at run time.
const userAgent = "xisecrets-go/" + Version
