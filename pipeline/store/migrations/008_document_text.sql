-- 008 document text: every line read from a document, not only its fields,
-- so a search finds a referral letter by the words of its body. Searched by
-- its words with PostgreSQL's Indonesian configuration.
ALTER TABLE documents ADD COLUMN text text NOT NULL DEFAULT '';
CREATE INDEX documents_words ON documents USING gin (to_tsvector('indonesian', text));
