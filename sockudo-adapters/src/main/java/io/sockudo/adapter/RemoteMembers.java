package io.sockudo.adapter;

import io.sockudo.protocol.PresenceMember;
import io.sockudo.protocol.ServerFrames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The presence members other nodes have, per channel, user and node: the replicated registry
 * that makes member lists and counts local reads. Written by the one thread that receives the
 * cluster's presence messages; read by any thread (a channel created on a shard takes its remote
 * members from here). Empty on a single node.
 */
final class RemoteMembers {

    private record Key(String appId, String channel) {
    }

    private final ConcurrentHashMap<Key, ConcurrentHashMap<String, ConcurrentHashMap<String, PresenceMember>>> byChannel =
            new ConcurrentHashMap<>();

    void add(String nodeId, String appId, String channel, PresenceMember member) {
        byChannel.computeIfAbsent(new Key(appId, channel), k -> new ConcurrentHashMap<>())
                .computeIfAbsent(member.userId(), k -> new ConcurrentHashMap<>())
                .put(nodeId, member);
    }

    /** Whether any other node has the user in the channel. */
    boolean has(String appId, String channel, String userId) {
        Map<String, ConcurrentHashMap<String, PresenceMember>> users = byChannel.get(new Key(appId, channel));
        return users != null && users.containsKey(userId);
    }

    /** Forgets one node's member; returns it, or null when the node did not have it. */
    PresenceMember remove(String nodeId, String appId, String channel, String userId) {
        PresenceMember[] removed = new PresenceMember[1];
        byChannel.computeIfPresent(new Key(appId, channel), (k, users) -> {
            users.computeIfPresent(userId, (u, nodes) -> {
                removed[0] = nodes.remove(nodeId);
                return nodes.isEmpty() ? null : nodes;
            });
            return users.isEmpty() ? null : users;
        });
        return removed[0];
    }

    /** A member one node has, by name. */
    record Held(String appId, String channel, String userId) {
    }

    /** What a node has, as this node knows it. */
    List<Held> heldBy(String nodeId) {
        List<Held> held = new ArrayList<>();
        byChannel.forEach((key, users) -> users.forEach((userId, nodes) -> {
            if (nodes.containsKey(nodeId)) {
                held.add(new Held(key.appId(), key.channel(), userId));
            }
        }));
        return held;
    }

    /** Every node's members of a channel, for a roster created now. */
    void seed(String appId, Channel channel) {
        Map<String, ConcurrentHashMap<String, PresenceMember>> users = byChannel.get(new Key(appId, channel.name()));
        if (users == null) {
            return;
        }
        users.forEach((userId, nodes) -> nodes.forEach(
                (nodeId, member) -> channel.roster().remoteJoin(nodeId, member, version -> { })));
    }

    /** The distinct members other nodes have in a channel. */
    List<ServerFrames.Member> members(String appId, String channel) {
        Map<String, ConcurrentHashMap<String, PresenceMember>> users = byChannel.get(new Key(appId, channel));
        if (users == null) {
            return List.of();
        }
        Map<String, ServerFrames.Member> out = new LinkedHashMap<>();
        users.forEach((userId, nodes) -> nodes.values().stream().findFirst()
                .ifPresent(m -> out.put(userId, new ServerFrames.Member(m.userId(), m.userInfo()))));
        return new ArrayList<>(out.values());
    }
}
