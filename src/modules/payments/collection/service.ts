/**
 * Collection's entry point for the composition and other modules: payment's part of the release
 * gate, the rules of customs credit and arrears as effective-dated data, and the pure rules of due
 * dates, late-payment interest and instalment plans.
 */
export { AWAITING_ASSESSMENT, AWAITING_PAYMENT, paymentReleaseHook } from './release-hook.js';
