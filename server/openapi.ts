import * as z from 'zod';
import { ErrorBodySchema } from '../src/contract/error.js';
import { VERSION } from '../src/version.js';
import type { RouteSpec } from './http/api-route.js';

type AnySpec = RouteSpec<unknown, unknown, unknown, unknown>;

const jsonSchema = (schema: unknown, io: 'input' | 'output') =>
  z.toJSONSchema(schema as z.ZodType, { io, unrepresentable: 'any', target: 'openapi-3.0' }) as Record<string, unknown>;

const STATUS_TEXT: Record<number, string> = {
  400: 'The request does not match the contract; `fields` names what was refused',
  401: 'Missing, expired, forged or wrong-audience access token',
  403: 'Not allowed',
  404: 'Not found',
  409: 'Conflict with the current state',
  413: 'Request body too large',
  429: 'Rate limited; see Retry-After',
};

function parametersOf(spec: AnySpec, where: 'query' | 'path'): unknown[] {
  const schema = where === 'query' ? spec.query : spec.params;
  if (!schema) return [];
  const json = jsonSchema(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || (json.required ?? []).includes(name),
    schema: property,
  }));
}

/** The OpenAPI 3 document of the API, generated from the same zod schemas the widgets and routes use. */
export function openApiDocument(routes: readonly AnySpec[], serverUrl: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const spec of routes) {
    const path = spec.path.replace(/:(\w+)/g, '{$1}');
    const errors = [400, 429, ...(spec.auth || spec.office ? [401] : []), ...(spec.office ? [403] : []), ...(spec.errors ?? [])];
    paths[path] ??= {};
    paths[path][spec.method.toLowerCase()] = {
      summary: spec.summary,
      ...(spec.office
        ? { description: spec.office === 'staff' ? 'Any staff member (or the integration token).' : `Staff role \`${spec.office}\` or \`admin\` (or the integration token).`, 'x-office-role': spec.office }
        : {}),
      tags: spec.tags,
      security: spec.auth || spec.office ? [{ bearer: [] }] : [],
      parameters: [...parametersOf(spec, 'path'), ...parametersOf(spec, 'query')],
      requestBody: spec.body
        ? { required: true, content: { 'application/json': { schema: jsonSchema(spec.body, 'input') } } }
        : undefined,
      responses: {
        [String(spec.status ?? 200)]: { description: 'OK', content: { 'application/json': { schema: jsonSchema(spec.response, 'output') } } },
        ...Object.fromEntries(
          [...new Set(errors)].map((status) => [
            String(status),
            { description: STATUS_TEXT[status] ?? 'Error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
          ]),
        ),
      },
    };
  }
  return {
    openapi: '3.0.3',
    info: {
      title: 'obec-widgets reference backend',
      version: VERSION,
      description: 'The contract every backend of obec-widgets implements. Generated from the zod schemas in src/contract/.',
    },
    servers: [{ url: serverUrl }],
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT (access token of the town identity broker, audience = this API)' } },
      schemas: { Error: jsonSchema(ErrorBodySchema, 'output') },
    },
  };
}
