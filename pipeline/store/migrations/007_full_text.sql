-- 007 full text: read values (document fields, register cells) searched by
-- their words with PostgreSQL's Indonesian configuration, so "rujukan
-- dimohon" finds "Permohonan rekomendasi rujukan".
CREATE INDEX fields_words ON fields USING gin (to_tsvector('indonesian', value));
CREATE INDEX register_cells_words ON register_cells USING gin (to_tsvector('indonesian', value));
