package io.hop.provisioning.carrier;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.hop.contracts.provisioning.HotspotProfileChanged;
import io.hop.contracts.provisioning.PlanChanged;
import io.hop.platform.problem.ValidationProblem;
import io.hop.platform.problem.Violation;
import io.hop.provisioning.plan.PlanService;
import io.hop.provisioning.profile.HotspotProfileService;
import io.hop.provisioning.xml.XmlDocuments;

/**
 * Imports a {@code CarrierProvisioning} document: all or nothing. The document is read only through
 * {@link XmlDocuments}; any violation (of the XML, the mapping or an entity's rules) answers 400 with all of them, and
 * nothing is stored; otherwise every profile and plan is created in one transaction.
 */
@ApplicationScoped
public class CarrierProvisioningService {

    /** What an import created. */
    public record Imported(List<String> hotspotProfileIds, List<String> planIds, List<Violation> warnings) {
    }

    private final XmlDocuments xml;
    private final HotspotProfileService profiles;
    private final PlanService plans;

    CarrierProvisioningService(XmlDocuments xml, HotspotProfileService profiles, PlanService plans) {
        this.xml = xml;
        this.profiles = profiles;
        this.plans = plans;
    }

    @Transactional
    public Imported importDocument(String operatorId, byte[] body) {
        CarrierProvisioningMapping.Mapped mapped = CarrierProvisioningMapping.map(xml.parse(body));
        if (!mapped.violations().isEmpty()) {
            throw new ValidationProblem(mapped.violations());
        }
        List<String> profileIds = mapped.profiles().stream().map(p -> profiles.createValid(operatorId, p))
                .map(HotspotProfileChanged::profileId).toList();
        List<String> planIds = mapped.plans().stream().map(p -> plans.createValid(operatorId, p))
                .map(PlanChanged::planId).toList();
        return new Imported(profileIds, planIds, mapped.warnings());
    }
}
