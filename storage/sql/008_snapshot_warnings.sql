-- What applying an amendment could not do (an effect whose wording or unit the base lacks, stated
-- totals that disagree, a partial version): kept beside the derived version for reviewers.
alter table snapshots add column warnings varchar[] default [];
