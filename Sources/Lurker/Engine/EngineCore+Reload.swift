import RuleDSL

/// Swapping the campaign set while the engine runs (hot reload), keeping what customers have.
extension EngineCore {
    /// Puts `new` in force between two events, keeping per-customer state: profiles stay; the history of types
    /// the new set still reads stays (fields it did not keep before read as missing in those past events);
    /// a campaign that keeps its name keeps its limit counts, budget counts, pending waits and counters; a
    /// removed campaign's waits and counts are dropped.
    mutating func replace(campaigns new: CompiledCampaignSet) -> CampaignSetChange {
        let old = campaigns
        var newIndex: [String: Int] = [:]
        for campaign in new.campaigns { newIndex[campaign.name] = campaign.index }
        let campaignMap: [Int32?] = old.campaigns.map { newIndex[$0.name].map(Int32.init) }

        let trackedMap: [(index: Int32, numbers: [Int?], values: [Int?])?] = old.tracked.map { tracked in
            guard let type = new.typeTable.value(for: old.typeNames[Int(tracked.type)]),
                let index = new.plans[Int(type)].tracked
            else { return nil }
            let target = new.tracked[Int(index)]
            return (
                index, target.numberFields.map { tracked.numberFields.firstIndex(of: $0) },
                target.valueFields.map { tracked.valueFields.firstIndex(of: $0) }
            )
        }

        for record in Array(customers.liveRecords) {
            var state = customers[record].state
            state.histories = state.histories.compactMap { history in
                let tracked = old.tracked[Int(history.tracked)]
                guard let map = trackedMap[Int(history.tracked)] else { return nil }
                return history.relaid(
                    as: map.index, numberSources: map.numbers, oldNumberSlots: tracked.numberSlots.count,
                    valueSources: map.values, oldValueSlots: tracked.valueSlots.count)
            }
            state.limits = state.limits.compactMap { limit in
                campaignMap[Int(limit.campaign)].map { LimitRecord(campaign: $0, times: limit.times, total: limit.total) }
            }
            let before = state.pending.count
            state.pending = state.pending.compactMap { wait in
                guard let campaign = campaignMap[Int(wait.campaign)] else { return nil }
                var kept = wait
                kept.campaign = campaign
                return kept
            }
            pendingWaitCount -= before - state.pending.count
            state.pruneAt = .min  // retentions may have changed: look again at the next event
            customers[record].state = state
            if state.isEmpty { customers.remove(record) }
        }
        for partition in Array(partitions.keys) {
            partitions[partition]!.timers.compactMap { timer in
                guard let campaign = campaignMap[Int(timer.campaign)] else { return nil }
                var kept = timer
                kept.campaign = campaign
                return kept
            }
        }

        let oldStatistics = statistics
        var newBudgets = [[Int64: Int]](repeating: [:], count: new.campaigns.count)
        let newCounters = UnsafeMutableBufferPointer<CampaignCounters>.allocate(capacity: new.campaigns.count)
        newCounters.initialize(repeating: CampaignCounters())
        for (index, mapped) in campaignMap.enumerated() {
            guard let mapped else { continue }
            newBudgets[Int(mapped)] = budgets[index]
            newCounters[Int(mapped)] = counters[index]
        }
        var newTypeEvents = [Int](repeating: 0, count: new.typeNames.count)
        for (index, name) in old.typeNames.enumerated() {
            if let type = new.typeTable.value(for: name) { newTypeEvents[Int(type)] = typeEvents[index] }
        }
        // An indexed campaign's evaluations are its types' events since it came into the set: start it from
        // what it had (nothing when new) less the events of its types so far.
        var evaluatedBefore = [Int](repeating: 0, count: new.campaigns.count)
        for (index, mapped) in campaignMap.enumerated() {
            if let mapped { evaluatedBefore[Int(mapped)] = oldStatistics.campaigns[index].evaluated }
        }
        for campaign in new.campaigns {
            newCounters[campaign.index].evaluated =
                evaluatedBefore[campaign.index] - new.indexedEvaluations(of: campaign, typeEvents: newTypeEvents)
        }
        budgets = newBudgets
        counters.deallocate()
        counters = newCounters
        typeEvents = newTypeEvents
        profileKeyIDs = new.profileFields.map { profileKeys.id(Array($0.utf8)) }
        scanner = EventScanner(fields: new.eventFields)
        eventPathValues = Array(repeating: nil, count: new.eventPaths.count)
        eventPathsRead.removeAll()
        if new.stackDepth > old.stackDepth {
            stack.deallocate()
            stack = .allocate(capacity: new.stackDepth + 1)
        }
        campaigns = new
        return CampaignSetChange(old: old.definitions, new: new.definitions)
    }
}
