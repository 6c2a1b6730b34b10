/** Delivery channels: what the dispatcher calls to send one notification to one channel, and when to retry. */
export { nextDelayMs, retryDelayMs, type BackoffPolicy, type DeliveryResult } from './backoff.js';
export { renderText, webhookBody, type RenderedMessage } from './render.js';
export {
  HEADER_DELIVERY,
  HEADER_SIGNATURE,
  HEADER_TIMESTAMP,
  USER_AGENT,
  checkWebhookUrl,
  parseRetryAfter,
  sendWebhook,
  signWebhook,
  verifyWebhook,
  type HeaderSource,
  type Secret,
  type VerifyFailure,
  type VerifyOptions,
  type VerifyResult,
  type WebhookDelivery,
} from './webhook.js';
export { checkEmailAddress, createMailer, messageIdFor, type Mailer, type MailerOptions } from './email.js';
