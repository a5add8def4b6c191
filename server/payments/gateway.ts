/**
 * What a card payment gateway does for the town, whichever it is (the
 * built-in sandbox; ComGate or GP webpay next to it later). The payments
 * service never trusts what the browser or a notification says: it asks
 * `status()`, the gateway's own word, and makes "paid" one idempotent
 * transition.
 */
export type GatewayState = 'pending' | 'paid' | 'declined' | 'cancelled' | 'expired';

export interface Gateway {
  readonly name: string;
  /** Creates the payment at the gateway; returns its id there and where to send the browser. */
  create(payment: { paymentId: string; amountCents: number; description: string; variableSymbol?: string; returnUrl: string; notifyUrl: string }): Promise<{
    gatewayId: string;
    redirectUrl: string;
  }>;
  /** Reads the state from the gateway itself: the only source of truth. */
  status(gatewayId: string): Promise<{ state: GatewayState; paidCents?: number }>;
  /** The gateway id a notification speaks of (after checking what can be checked); its claimed state is never trusted. */
  notificationFor(request: { query: Record<string, unknown>; body: unknown; headers: Record<string, string | string[] | undefined> }): Promise<string | undefined>;
}

/** The gateway could not be reached or answered something unusable: the payment stays as it was, to be asked again. */
export class GatewayError extends Error {
  constructor(
    readonly gateway: string,
    message: string,
  ) {
    super(`${gateway}: ${message}`);
  }
}
