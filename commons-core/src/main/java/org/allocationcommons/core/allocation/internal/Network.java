package org.allocationcommons.core.allocation.internal;

import java.util.List;
import org.allocationcommons.core.allocation.AllocationInput;
import org.allocationcommons.core.matching.CompatibilityIndex;
import org.allocationcommons.core.matching.CompatibilityIndex.IndexedNeed;
import org.allocationcommons.core.matching.Profile;
import org.allocationcommons.core.model.Commitment;
import org.allocationcommons.core.model.NeedSlot;

/**
 * One computation's inputs as arrays, by need ordinal and by recipient index (recipients are
 * contiguous in ordinal order): what does not change between the uncapped and the capped run.
 */
final class Network {
  final AllocationInput in;
  final CompatibilityIndex index;
  final Profile providerProfile;
  final int size;
  /** By ordinal. */
  final int[] ownerOf;
  final double[] quantity;
  final NeedSlot[] slot;
  final boolean[] hasFilter;
  /** By recipient index. */
  final String[] pubKey;
  final double[] mr;
  final double[] weight;
  final double[] damping;
  final Profile[] profile;
  final boolean[] recognised;
  final Commitment[] commitment;
  final int owners;
  /** Whether {@link #pubKey} is strictly ascending. */
  final boolean ownersSorted;

  Network(AllocationInput in, CompatibilityIndex index) {
    this.in = in;
    this.index = index;
    this.providerProfile = in.profiles().getOrDefault(in.providerId(), Profile.NONE);
    List<IndexedNeed> needs = index.needs();
    size = needs.size();
    ownerOf = new int[size];
    quantity = new double[size];
    slot = new NeedSlot[size];
    hasFilter = new boolean[size];
    int count = 0;
    String last = null;
    for (IndexedNeed n : needs) {
      if (last == null || !last.equals(n.owner())) {
        last = n.owner();
        count++;
      }
    }
    owners = count;
    pubKey = new String[count];
    mr = new double[count];
    weight = new double[count];
    damping = new double[count];
    profile = new Profile[count];
    recognised = new boolean[count];
    commitment = new Commitment[count];
    int r = -1;
    last = null;
    for (IndexedNeed n : needs) {
      if (last == null || !last.equals(n.owner())) {
        String pk = n.owner();
        last = pk;
        r++;
        double m = in.mrValues().getOrDefault(pk, 0.0);
        double w = in.providerWeights().getOrDefault(pk, 0.0);
        Commitment c = in.networkCommitments().get(pk);
        pubKey[r] = pk;
        mr[r] = m;
        weight[r] = w;
        damping[r] = c == null ? Commitment.DEFAULT_DAMPING_FACTOR : c.dampingFactor();
        profile[r] = in.profiles().getOrDefault(pk, Profile.NONE);
        recognised[r] = (m > 0 || w > 0) && c != null;
        commitment[r] = c;
      }
      int o = n.ordinal();
      ownerOf[o] = r;
      quantity[o] = n.slot().quantity();
      slot[o] = n.slot();
      hasFilter[o] = n.slot().filterRule().isPresent();
    }
    boolean sorted = true;
    for (int i = 1; i < count && sorted; i++) {
      sorted = pubKey[i - 1].compareTo(pubKey[i]) < 0;
    }
    ownersSorted = sorted;
  }
}
