import { randomBytes, randomUUID } from 'node:crypto';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import type {
  CallbackVerification,
  PaymentProvider,
  ProviderCallback,
  ProviderCallbackRequest,
  ProviderIntent,
  ProviderIntentRequest,
  ProviderOutcome,
  VerifiedCallback,
} from './model.js';

/**
 * The development card provider: it keeps the payments it opened in memory and, when told the
 * payer has paid (the development checkout), calls back the way real providers do, by the
 * Standard Webhooks scheme: `webhook-id`, `webhook-timestamp` and `webhook-signature` headers, the
 * signature an HMAC-SHA256 over `id.timestamp.body` with the shared secret, checked in constant
 * time and refused outside five minutes of the timestamp (the `standardwebhooks` package does both).
 * A real adapter implements `PaymentProvider` the same way over its provider's API.
 */

export const DEVELOPMENT_PROVIDER_NAME = 'development';

/** A callback ready to send: the headers and the exact body they sign. */
export interface SignedCallback {
  readonly headers: Readonly<Record<'webhook-id' | 'webhook-timestamp' | 'webhook-signature', string>>;
  readonly body: string;
}

interface OpenedPayment {
  readonly request: ProviderIntentRequest;
  readonly clientSecret: string;
}

/** The callback body the development provider sends; amounts in øre as text, as JSON has no bigint. */
interface CallbackBody {
  readonly id: string;
  readonly type: 'payment.succeeded' | 'payment.failed';
  readonly created: string;
  readonly data: {
    readonly reference: string;
    readonly metadata: { readonly intentId: string };
    readonly amount: string;
    readonly currency: string;
  };
}

/** A fresh secret in the `whsec_` form providers hand out. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

function header(headers: ProviderCallbackRequest['headers'], name: string): string | undefined {
  const value = headers[name] ?? headers[name.toLowerCase()];
  return typeof value === 'string' ? value : value?.[0];
}

export class DevelopmentPaymentProvider implements PaymentProvider {
  readonly name = DEVELOPMENT_PROVIDER_NAME;
  private readonly webhook: Webhook;
  private readonly opened = new Map<string, OpenedPayment>();

  constructor(
    private readonly options: {
      /** `whsec_` and base64, shared by the provider and the API. */
      readonly secret: string;
      /** The API's public base URL: the checkout page lives there in development. */
      readonly checkoutBaseUrl: string;
      /** The provider's own clock for the timestamps it signs; real time by default. */
      readonly now?: () => Date;
    },
  ) {
    this.webhook = new Webhook(options.secret);
  }

  async createIntent(request: ProviderIntentRequest): Promise<ProviderIntent> {
    const providerReference = `devpay_${randomUUID().replaceAll('-', '')}`;
    const clientSecret = `${providerReference}_secret_${randomBytes(16).toString('hex')}`;
    this.opened.set(providerReference, { request, clientSecret });
    const base = this.options.checkoutBaseUrl.replace(/\/$/, '');
    return { providerReference, clientSecret, redirectUrl: `${base}/dev/checkout/${providerReference}` };
  }

  /** What the checkout page shows: the payment as the provider opened it, or undefined. */
  payment(providerReference: string): ProviderIntentRequest | undefined {
    return this.opened.get(providerReference)?.request;
  }

  /**
   * The payer finished on the checkout page: the signed callback the provider sends. Undefined for
   * a payment it never opened. Each call is a new event; send the same one twice to replay it.
   */
  complete(providerReference: string, outcome: ProviderOutcome, at?: Date): SignedCallback | undefined {
    const payment = this.opened.get(providerReference);
    if (!payment) return undefined;
    const timestamp = at ?? this.options.now?.() ?? new Date();
    const body: CallbackBody = {
      id: `evt_${randomUUID().replaceAll('-', '')}`,
      type: outcome === 'SUCCEEDED' ? 'payment.succeeded' : 'payment.failed',
      created: timestamp.toISOString(),
      data: {
        reference: providerReference,
        metadata: { intentId: payment.request.intentId },
        amount: payment.request.amountOre.toString(),
        currency: payment.request.currency,
      },
    };
    return this.sign(body.id, timestamp, JSON.stringify(body));
  }

  /** Signs any body as this provider would; tests use it to forge and tamper. */
  sign(messageId: string, timestamp: Date, body: string): SignedCallback {
    return {
      headers: {
        'webhook-id': messageId,
        'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
        'webhook-signature': this.webhook.sign(messageId, timestamp, body),
      },
      body,
    };
  }

  verifyCallback(request: ProviderCallbackRequest): CallbackVerification {
    const id = header(request.headers, 'webhook-id');
    const timestamp = header(request.headers, 'webhook-timestamp');
    const signature = header(request.headers, 'webhook-signature');
    if (!id || !timestamp || !signature) return { ok: false, reason: 'HEADERS_MISSING' };
    try {
      this.webhook.verify(
        request.rawBody,
        { 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': signature },
        { jsonParse: false },
      );
    } catch (error) {
      if (!(error instanceof WebhookVerificationError)) throw error;
      return {
        ok: false,
        reason: /timestamp/i.test(error.message) ? 'TIMESTAMP_OUT_OF_TOLERANCE' : 'SIGNATURE_INVALID',
      };
    }
    return { ok: true, callback: { messageId: id, rawBody: request.rawBody } as VerifiedCallback };
  }

  parseCallback(verified: VerifiedCallback): ProviderCallback | null {
    let body: unknown;
    try {
      body = JSON.parse(verified.rawBody);
    } catch {
      return null;
    }
    if (!isCallbackBody(body)) return null;
    const occurredAt = new Date(body.created);
    if (Number.isNaN(occurredAt.getTime())) return null;
    return {
      eventId: body.id,
      outcome: body.type === 'payment.succeeded' ? 'SUCCEEDED' : 'FAILED',
      providerReference: body.data.reference,
      intentId: body.data.metadata.intentId,
      amountOre: BigInt(body.data.amount),
      currency: body.data.currency,
      occurredAt,
    };
  }
}

function isCallbackBody(value: unknown): value is CallbackBody {
  if (typeof value !== 'object' || value === null) return false;
  const body = value as Partial<CallbackBody>;
  const data = body.data;
  return (
    typeof body.id === 'string' &&
    (body.type === 'payment.succeeded' || body.type === 'payment.failed') &&
    typeof body.created === 'string' &&
    typeof data === 'object' &&
    data !== null &&
    typeof data.reference === 'string' &&
    typeof data.metadata?.intentId === 'string' &&
    typeof data.amount === 'string' &&
    /^[1-9]\d{0,17}$/.test(data.amount) &&
    typeof data.currency === 'string'
  );
}
