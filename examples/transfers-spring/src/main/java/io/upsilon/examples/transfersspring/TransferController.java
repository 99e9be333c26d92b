package io.upsilon.examples.transfersspring;

import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /transfers} and {@code GET /transfers/{id}}. Nothing here knows about Upsilon: the starter's gate
 * filter refuses requests (503) while the node is not READY, is FENCED or the maintenance window is open.
 */
@RestController
public class TransferController {

    private final JdbcTemplate jdbc;

    public TransferController(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A transfer to create; quoteId only on data 1.0.1 and later. */
    public record NewTransfer(String payerFsp, String payeeFsp, BigDecimal amount, String currency, UUID quoteId) {
    }

    @PostMapping("/transfers")
    public ResponseEntity<Map<String, Object>> create(@RequestBody NewTransfer t) {
        if (t.payerFsp() == null || t.payeeFsp() == null || t.amount() == null || t.currency() == null
                || t.amount().signum() <= 0 || t.currency().length() != 3) {
            return ResponseEntity.badRequest().body(Map.of("error", "BAD_INPUT", "message",
                    "payerFsp, payeeFsp, a positive amount and a three-letter currency are required"));
        }
        UUID id = UUID.randomUUID();
        if (t.quoteId() == null) {
            jdbc.update("INSERT INTO transfer (id, payer_fsp, payee_fsp, amount, currency) VALUES (?, ?, ?, ?, ?)",
                    id, t.payerFsp(), t.payeeFsp(), t.amount(), t.currency());
        } else {
            jdbc.update("INSERT INTO transfer (id, payer_fsp, payee_fsp, amount, currency, quote_id)"
                    + " VALUES (?, ?, ?, ?, ?, ?)", id, t.payerFsp(), t.payeeFsp(), t.amount(), t.currency(),
                    t.quoteId());
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("id", id.toString()));
    }

    @GetMapping("/transfers/{id}")
    public ResponseEntity<Map<String, Object>> get(@PathVariable UUID id) {
        try {
            return ResponseEntity.ok(jdbc.queryForMap("SELECT id, payer_fsp, payee_fsp, amount, currency, created_at"
                    + " FROM transfer WHERE id = ?", id));
        } catch (EmptyResultDataAccessException e) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", "NOT_FOUND"));
        }
    }
}
