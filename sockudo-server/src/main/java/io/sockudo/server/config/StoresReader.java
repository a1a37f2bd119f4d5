package io.sockudo.server.config;

/** Reads the {@link StoresConfig}: each store's driver, refused when this server lacks it, and its settings. */
final class StoresReader {

    private StoresReader() {
    }

    static StoresConfig read(ConfigNode root) {
        StoreDrivers.require(root.get("app_manager").get("driver"), "memory", StoreDrivers.APP_MANAGER);
        return new StoresConfig(AppStoreReader.read(root));
    }
}
