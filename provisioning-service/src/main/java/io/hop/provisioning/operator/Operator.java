package io.hop.provisioning.operator;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.hop.contracts.provisioning.OperatorChanged;

/** A mobile operator: the tenant that every other provisioning entity belongs to. */
@Entity
@Table(name = "operator")
public class Operator {

    public enum Status {
        ACTIVE, SUSPENDED
    }

    @Id
    private String id;

    @Column(nullable = false)
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Status status;

    /**
     * Increases by one with every change; consumers keep the newest version they saw. Also the optimistic lock: an
     * update of a row that changed since it was read fails at flush (409), so that no change is lost.
     */
    @Version
    @Column(nullable = false)
    private long version;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Operator() {
        // for JPA
    }

    static Operator create(String id, String name, Instant now) {
        Operator operator = new Operator();
        operator.id = id;
        operator.name = name;
        operator.status = Status.ACTIVE;
        operator.version = 1;
        operator.createdAt = now;
        operator.updatedAt = now;
        return operator;
    }

    /** An operator read without the ORM (a detached copy: changing it changes nothing stored). */
    static Operator loaded(String id, String name, Status status, long version, Instant createdAt, Instant updatedAt) {
        Operator operator = new Operator();
        operator.id = id;
        operator.name = name;
        operator.status = status;
        operator.version = version;
        operator.createdAt = createdAt;
        operator.updatedAt = updatedAt;
        return operator;
    }

    /** Applies a change; Hibernate raises the version when it flushes it. */
    void change(String newName, Status newStatus, Instant now) {
        if (newName != null) {
            name = newName;
        }
        if (newStatus != null) {
            status = newStatus;
        }
        updatedAt = now;
    }

    OperatorChanged toEvent() {
        return new OperatorChanged(id, name, status.name(), version, updatedAt);
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public Status status() {
        return status;
    }

    public long version() {
        return version;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
