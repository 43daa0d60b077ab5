-- Automatic recall answers are no longer claimed by moving them to 'auto_sending' (they stay locked
-- until their answer commits); a question left there by a worker that died mid-sweep is due again.
UPDATE "recall_inquiries" SET "answer_state" = 'auto_pending' WHERE "answer_state" = 'auto_sending';
