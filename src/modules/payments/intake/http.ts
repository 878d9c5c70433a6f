import express, { type Request, type Response, Router } from 'express';
import { errorBody } from '../../../http/error-responses.js';
import type { DevelopmentPaymentProvider } from './development-provider.js';
import type { CallbackRejection, PaymentProvider, ProviderCallbackHandler, ProviderOutcome } from './model.js';

/**
 * The provider's callback route and, in development, the checkout page that makes the
 * development provider call it. Neither goes through GraphQL: the provider is not a principal,
 * it proves itself by the signature over the exact bytes it sent.
 */

export const CALLBACK_PATH = '/payments/callbacks/:provider';

/** A provider's callback is a small JSON event; anything larger is not one. */
const CALLBACK_BODY_LIMIT = '64kb';

const REJECTION_MESSAGE: Record<CallbackRejection, string> = {
  HEADERS_MISSING: 'The callback lacks its webhook-id, webhook-timestamp or webhook-signature header.',
  SIGNATURE_INVALID: 'The callback signature does not match its body.',
  TIMESTAMP_OUT_OF_TOLERANCE: 'The callback timestamp is too far from now; it may be a replay.',
};

function requestIdOf(res: Response): string | undefined {
  return (res.locals as { requestId?: string }).requestId;
}

/**
 * `POST /payments/callbacks/<provider name>`. A refused signature is 401 and changes nothing; an
 * event handled before answers 200 again (providers retry until they get a 2xx, so a replay must
 * succeed without effect); an event for no intent of ours is 404, which the provider reports.
 */
export function providerCallbackRouter(input: {
  readonly providers: readonly PaymentProvider[];
  readonly handle: ProviderCallbackHandler;
}): Router {
  const byName = new Map(input.providers.map((provider) => [provider.name, provider]));
  const router = Router();
  router.post(
    CALLBACK_PATH,
    express.text({ type: () => true, limit: CALLBACK_BODY_LIMIT }),
    async (req: Request, res: Response) => {
      const provider = byName.get(String(req.params.provider));
      const requestId = requestIdOf(res);
      if (!provider) {
        res.status(404).json(errorBody('NOT_FOUND', 'No payment provider has that name.', requestId));
        return;
      }
      const rawBody = typeof req.body === 'string' ? req.body : '';
      const verification = provider.verifyCallback({ headers: req.headers, rawBody });
      if (!verification.ok) {
        res.status(401).json(errorBody(verification.reason, REJECTION_MESSAGE[verification.reason], requestId));
        return;
      }
      const callback = provider.parseCallback(verification.callback);
      if (!callback) {
        res
          .status(400)
          .json(
            errorBody('CALLBACK_PAYLOAD_INVALID', 'The signed callback is not an event this API reads.', requestId),
          );
        return;
      }
      const handling = await input.handle(provider.name, callback);
      if (handling === 'UNKNOWN_INTENT') {
        res.status(404).json(errorBody('NOT_FOUND', 'No payment intent has that reference and amount.', requestId));
        return;
      }
      res.status(200).json({ received: true, handling });
    },
  );
  return router;
}

const CHECKOUT_CSP = "default-src 'none'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function nok(ore: bigint): string {
  return `${ore / 100n},${(ore % 100n).toString().padStart(2, '0')}`;
}

/**
 * The development checkout (never mounted in production): `GET /dev/checkout/<reference>` shows
 * the payment with Pay and Cancel buttons; `POST /dev/checkout/<reference>/complete` with
 * `outcome=SUCCEEDED|FAILED` (form or JSON) makes the provider sign its callback and send it to
 * the API's callback route, and answers with what the API answered, so a test or a person with
 * curl completes a payment the way a provider's page would.
 */
export function developmentCheckoutRouter(input: {
  readonly provider: DevelopmentPaymentProvider;
  /** The API's own callback URL for this provider, e.g. http://127.0.0.1:4000/payments/callbacks/development. */
  readonly callbackUrl: () => string;
}): Router {
  const router = Router();
  router.get('/dev/checkout/:reference', (req: Request, res: Response) => {
    const reference = String(req.params.reference);
    const payment = input.provider.payment(reference);
    if (!payment) {
      res
        .status(404)
        .json(errorBody('NOT_FOUND', 'The development provider opened no such payment.', requestIdOf(res)));
      return;
    }
    const action = `/dev/checkout/${encodeURIComponent(reference)}/complete`;
    res.setHeader('Content-Security-Policy', CHECKOUT_CSP);
    res.type('html').send(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Development checkout</title></head>
<body><h1>Development checkout</h1>
<p>${escapeHtml(payment.description)}</p>
<p>NOK ${nok(payment.amountOre)}</p>
<form method="post" action="${action}"><input type="hidden" name="outcome" value="SUCCEEDED"><button>Pay</button></form>
<form method="post" action="${action}"><input type="hidden" name="outcome" value="FAILED"><button>Cancel</button></form>
</body></html>`);
  });
  router.post(
    '/dev/checkout/:reference/complete',
    express.urlencoded({ extended: false, limit: '1kb' }),
    express.json({ limit: '1kb' }),
    async (req: Request, res: Response) => {
      const outcome = (req.body as { outcome?: unknown } | undefined)?.outcome ?? 'SUCCEEDED';
      if (outcome !== 'SUCCEEDED' && outcome !== 'FAILED') {
        res.status(400).json(errorBody('BAD_REQUEST', 'outcome is SUCCEEDED or FAILED.', requestIdOf(res)));
        return;
      }
      const signed = input.provider.complete(String(req.params.reference), outcome as ProviderOutcome);
      if (!signed) {
        res
          .status(404)
          .json(errorBody('NOT_FOUND', 'The development provider opened no such payment.', requestIdOf(res)));
        return;
      }
      const answer = await fetch(input.callbackUrl(), {
        method: 'POST',
        headers: { ...signed.headers, 'content-type': 'application/json' },
        body: signed.body,
      });
      res.status(200).json({ callbackStatus: answer.status, callbackAnswer: await answer.json() });
    },
  );
  return router;
}
