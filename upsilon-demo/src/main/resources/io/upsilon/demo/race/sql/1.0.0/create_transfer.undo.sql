DROP TABLE transfer;
