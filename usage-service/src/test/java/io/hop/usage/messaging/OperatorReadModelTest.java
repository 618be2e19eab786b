package io.hop.usage.messaging;

import java.util.Optional;

import jakarta.inject.Inject;

import io.hop.contracts.provisioning.OperatorChanged;
import io.hop.readmodel.operators.OperatorDirectory;
import io.hop.testing.contract.OperatorReadModelContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class OperatorReadModelTest extends OperatorReadModelContract {

    @Inject
    OperatorDirectory operators;

    @Override
    protected Optional<OperatorChanged> knownOperator(String operatorId) {
        return operators.find(operatorId)
                .map(o -> new OperatorChanged(o.operatorId(), o.name(), o.status(), o.version(), o.changedAt()));
    }
}
