package io.hop.provisioning.operator;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class OperatorRepository implements PanacheRepositoryBase<Operator, String> {
}
