// Build step (`npm run schema`): writes the JSON Schemas generated from the zod model into schema/.
import { writeFileSync } from "node:fs";
import { jsonSchemas } from "../model/schema.ts";

for (const [name, schema] of Object.entries(jsonSchemas())) writeFileSync(new URL(`../schema/${name}`, import.meta.url), JSON.stringify(schema, null, 2) + "\n");
