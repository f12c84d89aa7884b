package dev.mlp.linalg;

import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;

/** Run by {@link BackendsTest} in JVMs started with other flags; prints what it sees. */
public final class BareJvmProbe {

    private BareJvmProbe() {
    }

    public static void main(String[] args) {
        Backends.Choice choice = Backends.defaultChoice();
        Backend kernel = choice.backend();
        System.out.println("default=" + kernel.name());
        System.out.println("reason=" + choice.reason());
        try {
            Backends.byName("vector");
            System.out.println("vector=loaded");
        } catch (IllegalStateException e) {
            System.out.println("vector=IllegalStateException " + e.getMessage());
        }
        DMatrixRMaj a = new DMatrixRMaj(2, 2, true, 1, 2, 3, 4);
        DMatrixRMaj c = new DMatrixRMaj(1, 1);
        kernel.mult(a, a, c);
        boolean ok = c.get(0, 0) == 7 && c.get(0, 1) == 10 && c.get(1, 0) == 15 && c.get(1, 1) == 22;
        System.out.println("product=" + (ok ? "ok" : "wrong " + c));
        FMatrixRMaj af = new FMatrixRMaj(2, 2, true, 1, 2, 3, 4);
        FMatrixRMaj cf = new FMatrixRMaj(1, 1);
        kernel.float32().mult(af, af, cf);
        boolean okf = cf.get(0, 0) == 7 && cf.get(0, 1) == 10 && cf.get(1, 0) == 15 && cf.get(1, 1) == 22;
        System.out.println("float32=" + (okf ? "ok" : "wrong " + cf));
    }
}
