ALTER TABLE greeting ADD COLUMN language text NOT NULL DEFAULT 'en';
