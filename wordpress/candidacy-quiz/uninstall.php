<?php
/**
 * Removing the plugin removes its settings and the clinic's protocol saved from the studio.
 *
 * @package CandidacyQuiz
 */

defined( 'WP_UNINSTALL_PLUGIN' ) || exit;

delete_option( 'candidacy_quiz_settings' );
delete_option( 'candidacy_quiz_protocol' );
