package io.sockudo.protocol;

/**
 * The data of {@code pusher:signin}.
 *
 * @param userData the user JSON exactly as signed
 * @param auth     {@code "<key>:<signature>"}
 */
public record SigninRequest(String userData, String auth) {

    public static SigninRequest from(ClientMessage message) {
        DataFields d = DataFields.of(message.data(), PusherEvents.SIGNIN);
        return new SigninRequest(d.requiredString("user_data"), d.requiredString("auth"));
    }
}
