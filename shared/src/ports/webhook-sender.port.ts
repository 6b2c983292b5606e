/** Sends a webhook: one POST, no redirects followed, bounded in time. Throws only when no answer came. */
export interface WebhookSender {
  post(url: string, body: string, headers: Record<string, string>): Promise<{ status: number }>;
}
