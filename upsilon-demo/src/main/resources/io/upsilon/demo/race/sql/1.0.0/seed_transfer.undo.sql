DELETE FROM transfer WHERE created_by = 'seed';
