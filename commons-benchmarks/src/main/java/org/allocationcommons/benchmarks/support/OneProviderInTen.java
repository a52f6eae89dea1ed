package org.allocationcommons.benchmarks.support;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.allocationcommons.core.model.AvailabilitySlot;
import org.allocationcommons.core.model.NeedSlot;
import org.allocationcommons.sync.CommonsNode;

/**
 * The commons the sync and GUN harnesses measure: node i is a provider when i is a multiple of ten;
 * every other node needs 10 meals and recognises one random provider (0.5), who recognises it back
 * (0.1), so recognition is mutual; a provider has capacity 8 per recipient it serves. Nobody is
 * over-allocated, so the commons converges (a recipient served by two providers that together
 * over-supply it makes damping cycle without settling, which would measure the cycle, not a change).
 *
 * @param providers indices of the providers
 * @param recipients indices of the recipients
 * @param providerOf each recipient's provider
 */
public record OneProviderInTen(List<Integer> providers, List<Integer> recipients, Map<Integer, Integer> providerOf) {

  /** Sets the inputs of {@code nodes} (at least one) to this topology, drawing providers from {@code rnd}. */
  public static OneProviderInTen apply(List<CommonsNode> nodes, Random rnd) {
    List<Integer> providers = new ArrayList<>();
    List<Integer> recipients = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      (i % 10 == 0 ? providers : recipients).add(i);
    }
    Map<Integer, Integer> providerOf = new HashMap<>();
    Map<Integer, Map<String, Double>> providerWeights = new HashMap<>();
    for (int r : recipients) {
      int p = providers.get(rnd.nextInt(providers.size()));
      providerOf.put(r, p);
      providerWeights.computeIfAbsent(p, k -> new LinkedHashMap<>()).put(nodes.get(r).pubKey(), 0.1);
      nodes.get(r).setRecognition(Map.of(nodes.get(p).pubKey(), 0.5));
      nodes.get(r).setNeeds(List.of(NeedSlot.of("need", "meals", 10)));
    }
    for (int p : providers) {
      Map<String, Double> w = providerWeights.getOrDefault(p, Map.of());
      nodes.get(p).setRecognition(w);
      nodes.get(p).setCapacity(List.of(AvailabilitySlot.of("cap", "meals", 8.0 * Math.max(1, w.size()))));
    }
    return new OneProviderInTen(List.copyOf(providers), List.copyOf(recipients), Map.copyOf(providerOf));
  }
}
