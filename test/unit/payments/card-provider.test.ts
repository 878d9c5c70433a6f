import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DevelopmentPaymentProvider,
  newWebhookSecret,
} from '../../../src/modules/payments/intake/development-provider.js';
import { developmentCheckoutRouter, providerCallbackRouter } from '../../../src/modules/payments/intake/http.js';
import type { CallbackHandling, ProviderCallback } from '../../../src/modules/payments/intake/model.js';

const request = {
  intentId: 'intent-1',
  amountOre: 812_40n,
  currency: 'NOK',
  description: 'Duty and VAT, parcel',
} as const;

function providerWith(secret = newWebhookSecret()) {
  return new DevelopmentPaymentProvider({ secret, checkoutBaseUrl: 'http://api.test/' });
}

describe('the development provider', () => {
  it('opens a payment with a client secret and a checkout URL of its own', async () => {
    const provider = providerWith();
    const intent = await provider.createIntent(request);
    expect(intent.providerReference).toMatch(/^devpay_[0-9a-f]{32}$/);
    expect(intent.clientSecret.startsWith(`${intent.providerReference}_secret_`)).toBe(true);
    expect(intent.redirectUrl).toBe(`http://api.test/dev/checkout/${intent.providerReference}`);
    expect(provider.payment(intent.providerReference)).toEqual(request);
    expect(provider.complete('devpay_unknown', 'SUCCEEDED')).toBeUndefined();
  });

  it('signs its callback so that it verifies and parses back to the payment', async () => {
    const provider = providerWith();
    const { providerReference } = await provider.createIntent(request);
    const signed = provider.complete(providerReference, 'SUCCEEDED');
    if (!signed) throw new Error('no callback');
    expect(signed.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    const verification = provider.verifyCallback({ headers: signed.headers, rawBody: signed.body });
    if (!verification.ok) throw new Error(verification.reason);
    expect(verification.callback.messageId).toBe(signed.headers['webhook-id']);
    expect(provider.parseCallback(verification.callback)).toMatchObject({
      outcome: 'SUCCEEDED',
      providerReference,
      intentId: 'intent-1',
      amountOre: 812_40n,
      currency: 'NOK',
      eventId: signed.headers['webhook-id'],
    });
  });

  it('refuses a tampered body, another secret, a missing header and a stale or future timestamp', async () => {
    const provider = providerWith();
    const { providerReference } = await provider.createIntent(request);
    const signed = provider.complete(providerReference, 'SUCCEEDED');
    if (!signed) throw new Error('no callback');
    const tampered = signed.body.replace('"81240"', '"1"');
    expect(tampered).not.toBe(signed.body);
    expect(provider.verifyCallback({ headers: signed.headers, rawBody: tampered })).toEqual({
      ok: false,
      reason: 'SIGNATURE_INVALID',
    });
    expect(providerWith().verifyCallback({ headers: signed.headers, rawBody: signed.body })).toEqual({
      ok: false,
      reason: 'SIGNATURE_INVALID',
    });
    const { 'webhook-signature': _dropped, ...unsigned } = signed.headers;
    expect(provider.verifyCallback({ headers: unsigned, rawBody: signed.body })).toEqual({
      ok: false,
      reason: 'HEADERS_MISSING',
    });
    for (const minutes of [-6, 6]) {
      const at = new Date(Date.now() + minutes * 60_000);
      const old = provider.complete(providerReference, 'SUCCEEDED', at);
      if (!old) throw new Error('no callback');
      expect(provider.verifyCallback({ headers: old.headers, rawBody: old.body })).toEqual({
        ok: false,
        reason: 'TIMESTAMP_OUT_OF_TOLERANCE',
      });
    }
  });

  it('accepts a timestamp within the five minutes and refuses a payload it does not read', async () => {
    const provider = providerWith();
    const { providerReference } = await provider.createIntent(request);
    const recent = provider.complete(providerReference, 'FAILED', new Date(Date.now() - 4 * 60_000));
    if (!recent) throw new Error('no callback');
    const verification = provider.verifyCallback({ headers: recent.headers, rawBody: recent.body });
    if (!verification.ok) throw new Error(verification.reason);
    expect(provider.parseCallback(verification.callback)?.outcome).toBe('FAILED');
    const odd = provider.sign('msg_1', new Date(), JSON.stringify({ id: 'x', type: 'refund.created' }));
    const oddVerified = provider.verifyCallback({ headers: odd.headers, rawBody: odd.body });
    if (!oddVerified.ok) throw new Error(oddVerified.reason);
    expect(provider.parseCallback(oddVerified.callback)).toBeNull();
  });
});

describe('the callback route and the development checkout', () => {
  const provider = providerWith();
  const handled: ProviderCallback[] = [];
  let answer: CallbackHandling = 'CONFIRMED';
  let base = '';
  let close: () => void = () => {};

  beforeAll(async () => {
    const app = express();
    app.use(
      providerCallbackRouter({
        providers: [provider],
        handle: async (name, callback) => {
          expect(name).toBe('development');
          handled.push(callback);
          return answer;
        },
      }),
    );
    app.use(developmentCheckoutRouter({ provider, callbackUrl: () => `${base}/payments/callbacks/development` }));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => server.close();
  });
  afterAll(() => close());

  it('completes a payment: the checkout sends the signed callback and the handler is told once', async () => {
    const { providerReference } = await provider.createIntent(request);
    const page = await fetch(`${base}/dev/checkout/${providerReference}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("form-action 'self'");
    expect(await page.text()).toContain('NOK 812,40');
    const before = handled.length;
    const done = await fetch(`${base}/dev/checkout/${providerReference}/complete`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'outcome=SUCCEEDED',
    });
    expect(await done.json()).toEqual({
      callbackStatus: 200,
      callbackAnswer: { received: true, handling: 'CONFIRMED' },
    });
    expect(handled.length).toBe(before + 1);
    expect(handled.at(-1)).toMatchObject({ providerReference, outcome: 'SUCCEEDED', amountOre: 812_40n });
  });

  it('answers 401 to a forged callback without telling the handler', async () => {
    const { providerReference } = await provider.createIntent(request);
    const signed = provider.complete(providerReference, 'SUCCEEDED');
    if (!signed) throw new Error('no callback');
    const before = handled.length;
    const forged = await fetch(`${base}/payments/callbacks/development`, {
      method: 'POST',
      headers: { ...signed.headers, 'content-type': 'application/json' },
      body: signed.body.replace('payment.succeeded', 'payment.failed'),
    });
    expect(forged.status).toBe(401);
    const tampered = await fetch(`${base}/payments/callbacks/development`, {
      method: 'POST',
      headers: { ...signed.headers, 'content-type': 'application/json' },
      body: signed.body.replace('"81240"', '"81241"'),
    });
    expect(tampered.status).toBe(401);
    expect(((await tampered.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe(
      'SIGNATURE_INVALID',
    );
    expect(handled.length).toBe(before);
  });

  it('answers 404 for an unknown provider, an unknown payment and an intent the handler does not know', async () => {
    expect((await fetch(`${base}/payments/callbacks/acme`, { method: 'POST', body: '{}' })).status).toBe(404);
    expect((await fetch(`${base}/dev/checkout/devpay_nothing`)).status).toBe(404);
    const { providerReference } = await provider.createIntent(request);
    answer = 'UNKNOWN_INTENT';
    const done = await fetch(`${base}/dev/checkout/${providerReference}/complete`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ outcome: 'SUCCEEDED' }),
    });
    answer = 'CONFIRMED';
    expect(((await done.json()) as { callbackStatus: number }).callbackStatus).toBe(404);
  });
});
