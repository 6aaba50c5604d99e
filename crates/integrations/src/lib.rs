//! Reckot's outbound adapters: each external service sits behind a small trait so services can be
//! tested with fakes and deployments can swap vendors by configuration.
//!
//! - [`mailer`]: sending email (SMTP in production, files on disk in development).
//! - [`emails`]: the transactional email templates, in English and French.
//! - [`storage`]: blob storage for uploads such as organization logos.
//! - [`rate_limit`]: fixed-window rate limits, in process or shared through Redis.
//! - [`redis_pool`]: building a checked Redis connection pool.
//! - [`tickets`]: ticket QR codes, the printable PDF, and event times in the event's time zone.
//! - [`invoices`]: the printable invoice, credit note and platform-fee invoice (en/fr).
//! - [`payments`]: payment gateways behind one trait (the dev test gateway, CamPay, pawaPay,
//!   Flutterwave), exact amount and phone formats, webhook verification, and stub servers for
//!   each gateway (feature `test-stubs`).

pub mod emails;
pub mod invoices;
pub mod mailer;
pub mod payments;
pub mod rate_limit;
pub mod redis_pool;
pub mod storage;
pub mod tickets;

pub use mailer::{Attachment, Email, FileMailer, MailError, Mailer, SmtpMailer};
pub use rate_limit::{RateDecision, RateLimitError, RateLimiter};
pub use redis_pool::{RedisPoolError, redis_pool};
pub use storage::{ImageKind, LocalDiskStorage, Storage, StorageError, sniff_image};
