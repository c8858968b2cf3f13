// Imported first by main.ts, before any schema is parsed. zod compiles a fast parser (`new
// Function`) for each object schema the first time it parses one; a CLI run parses most schemas
// once, so the compiling costs more than it saves. Measured with the bench's pull-request check:
// 187 ms with it off against 198 ms with it on (medians of 15, alternating); a cold check took
// the same time either way.
import * as z from "zod";

z.config({ jitless: true });
