// Transactional mail for functions, `/mail/v1` (ours: Supabase has no mail API). A model of a provider
// such as Resend or Amazon SES: a server credential (the service-role key) sends { to, subject, text },
// and the mail lands in the local Inbox (auth.inbox, kind `function`) instead of leaving the machine.
// The request and error shapes follow Resend's send-email API (https://resend.com/docs/api-reference/emails/send-email
// and https://resend.com/docs/api-reference/errors, read 2026-11-27): `{ id }` on success, `{ statusCode, name, message }` otherwise.
import { json, type ApiContext, type ApiRequest, type ApiResponse } from './api/types';

/** The Inbox kind of mails sent by functions (auth's own mails are `signup`, `magiclink`, `recovery`). */
export const FUNCTION_MAIL_KIND = 'function';

/** Resend's limit on recipients per request. */
export const MAIL_MAX_RECIPIENTS = 50;

const emailOk = (e: unknown): e is string => typeof e === 'string' && /^[^\s@<>]+@[^\s@<>]+$/.test(e);

/** Resend's error shape. */
function mailError(statusCode: number, name: string, message: string): ApiResponse {
  return json(statusCode, { statusCode, name, message });
}

/** The `/mail/v1` routes: `POST /send`, service role only. */
export function mailRoutes() {
  return async (req: ApiRequest, ctx: ApiContext): Promise<ApiResponse> => {
    if (req.method !== 'POST' || req.path.replace(/\/+$/, '') !== '/send') return mailError(404, 'not_found', `No mail route ${req.method} ${req.path}; send with POST /mail/v1/send.`);
    if (ctx.claims.role !== 'service_role') {
      return mailError(403, 'restricted_api_key', 'Sending mail needs the service-role key (a server credential): use SUPABASE_SERVICE_ROLE_KEY as the apikey, never the anon key.');
    }
    let input: Record<string, unknown>;
    try {
      const value: unknown = JSON.parse(req.body.toString('utf8') || '{}');
      if (!value || typeof value !== 'object' || Array.isArray(value)) throw new SyntaxError('not an object');
      input = value as Record<string, unknown>;
    } catch {
      return mailError(422, 'validation_error', 'The body must be a JSON object like { "to": "ada@example.com", "subject": "Welcome", "text": "Hello" }.');
    }
    const missing = ['to', 'subject', 'text'].filter((k) => input[k] === undefined || input[k] === '');
    if (missing.length) return mailError(422, 'missing_required_field', `Missing \`${missing.join('`, `')}\`: send { "to", "subject", "text" }.`);
    const to = Array.isArray(input.to) ? input.to : [input.to];
    if (!to.length || to.length > MAIL_MAX_RECIPIENTS) return mailError(422, 'validation_error', `\`to\` takes 1 to ${MAIL_MAX_RECIPIENTS} addresses.`);
    const bad = to.find((t) => !emailOk(t));
    if (bad !== undefined) return mailError(422, 'validation_error', `Invalid \`to\` field: ${JSON.stringify(bad)} is not an address like ada@example.com.`);
    if (typeof input.subject !== 'string' || typeof input.text !== 'string') return mailError(422, 'validation_error', '`subject` and `text` must be strings.');
    const ids: number[] = [];
    await ctx.db.transaction(async (tx) => {
      for (const address of to as string[]) {
        const row = (await tx.query<{ id: number }>('insert into auth.inbox (to_email, kind, subject, body) values ($1, $2, $3, $4) returning id', [address.toLowerCase(), FUNCTION_MAIL_KIND, input.subject, input.text])).rows[0];
        ids.push(Number(row.id));
      }
    });
    return json(200, { id: String(ids[0]) });
  };
}
