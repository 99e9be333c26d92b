DELETE FROM transfers;
