// Compiles only if the package's types are present and precise (not `any`).
import { version } from "connector-kit";
import * as ck from "connector-kit";

const v: string = version();
// @ts-expect-error: version() returns a string, so this fails unless the types are `any`.
const n: number = ck.version();

export { v, n };
