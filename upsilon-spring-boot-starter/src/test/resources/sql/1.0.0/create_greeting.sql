CREATE TABLE greeting (id bigserial PRIMARY KEY, text text NOT NULL);
INSERT INTO greeting (text) VALUES ('hello');
