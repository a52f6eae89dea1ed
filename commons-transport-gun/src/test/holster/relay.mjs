// Holster on our own loopback server, for the interop tests (HolsterRelay copies this file into an
// installed copy of holster-<version>) and for the figures (see GunNodeHarness in commons-benchmarks).
// Arguments: port storageDir [maxMessageSize]
import http from "node:http"
import Holster from "./src/holster.js"
const port = Number(process.argv[2])
const file = process.argv[3]
const server = http.createServer((req, res) => { res.writeHead(404); res.end() })
const maxMessageSize = Number(process.argv[4]) || undefined // Holster's default: 1 MiB
Holster({server, file, maxMessageSize})
server.listen(port, "127.0.0.1", () => console.log("holster listening " + port))
