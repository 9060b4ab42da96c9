package client

// The Go client from the OpenAPI document, with the generator's version
// pinned by the tool directive in go.mod; then the TypeScript types from the
// same document, with openapi-typescript's pinned by ts/package-lock.json.
// .ci/run fails when either committed file differs from what these write.
//go:generate go tool oapi-codegen -config oapi-codegen.yaml ../docs/openapi.json
//go:generate sh -c "cd ts && npm ci --silent --no-audit --no-fund && npm run --silent generate"
