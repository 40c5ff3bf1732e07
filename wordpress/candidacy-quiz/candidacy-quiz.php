<?php
/**
 * Plugin Name:       Candidacy Quiz
 * Description:       An "am I a candidate?" quiz for microneedling that runs entirely in the visitor's browser, served from your own site: a block, a shortcode and a settings page with the Protocol Studio.
 * Version:           0.1.0
 * Requires at least: 6.1
 * Requires PHP:      7.4
 * License:           MIT OR Apache-2.0
 * Text Domain:       candidacy-quiz
 *
 * @package CandidacyQuiz
 */

defined( 'ABSPATH' ) || exit;

define( 'CANDIDACY_QUIZ_VERSION', '0.1.0' );
/** The largest protocol accepted: a protocol file is some tens of kilobytes. */
define( 'CANDIDACY_QUIZ_MAX_PROTOCOL_BYTES', 1000000 );
/** The treatments the quiz ships with, by name (src/protocol.rs, TREATMENTS). */
define( 'CANDIDACY_QUIZ_TREATMENTS', array( 'microneedling', 'rf-microneedling', 'prp-microneedling', 'rf-prp-microneedling' ) );

/**
 * The clinic's settings, with their defaults.
 *
 * @return array
 */
function candidacy_quiz_settings() {
	$defaults = array(
		'clinic_name' => '',
		'phone'       => '',
		'booking_url' => '',
		'brand'       => '',
		'protocol'    => 'microneedling',
	);
	$saved = get_option( 'candidacy_quiz_settings', array() );
	return array_merge( $defaults, is_array( $saved ) ? $saved : array() );
}

/**
 * The URL of a file of the bundled quiz.
 *
 * @param string $path Path inside the plugin's quiz/ folder.
 * @return string
 */
function candidacy_quiz_url( $path ) {
	return plugins_url( 'quiz/' . $path, __FILE__ );
}

/**
 * The clinic's own protocol, as saved from the studio: its file name inside quiz/protocols/,
 * named by its content so that browsers never keep an old one. The file is written again when
 * missing (a plugin update replaces the plugin's folder; the protocol stays in the database).
 *
 * @return string|null The path relative to the quiz, or null when there is none or it cannot be written.
 */
function candidacy_quiz_own_protocol_path() {
	$text = get_option( 'candidacy_quiz_protocol', '' );
	if ( '' === $text ) {
		return null;
	}
	$name = 'wordpress-' . substr( hash( 'sha256', $text ), 0, 16 ) . '.json';
	$file = plugin_dir_path( __FILE__ ) . 'quiz/protocols/' . $name;
	if ( ! file_exists( $file ) ) {
		// phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_operations_file_put_contents -- a file in the plugin's own folder, served as it is.
		if ( ! is_writable( dirname( $file ) ) || false === file_put_contents( $file, $text ) ) {
			return null;
		}
	}
	return 'protocols/' . $name;
}

/**
 * The widget's markup: the element embed.js replaces with the quiz, every option an escaped
 * data- attribute. Options given here (shortcode or block) win over the settings page's.
 *
 * @param array $options lang, mode, protocol, button_label, title, clinic_name, phone, booking_url, brand.
 * @return string
 */
function candidacy_quiz_markup( $options ) {
	$settings = candidacy_quiz_settings();
	$protocol = isset( $options['protocol'] ) && '' !== $options['protocol'] ? $options['protocol'] : $settings['protocol'];
	if ( 'own' === $protocol ) {
		$protocol = candidacy_quiz_own_protocol_path();
	} elseif ( ! in_array( $protocol, CANDIDACY_QUIZ_TREATMENTS, true ) ) {
		$protocol = null;
	}
	$attributes = array(
		'data-lang'           => isset( $options['lang'] ) ? $options['lang'] : '',
		'data-mode'           => isset( $options['mode'] ) && 'popup' === $options['mode'] ? 'popup' : '',
		'data-button-label'   => isset( $options['button_label'] ) ? $options['button_label'] : '',
		'data-title'          => isset( $options['title'] ) ? $options['title'] : '',
		'data-clinic-name'    => $settings['clinic_name'],
		'data-phone'          => $settings['phone'],
		'data-booking-url'    => $settings['booking_url'],
		'data-brand'          => $settings['brand'],
		'data-protocol'       => $protocol ? $protocol : '',
	);
	$html = '<div class="candidacy-quiz" data-candidacy-quiz';
	foreach ( $attributes as $name => $value ) {
		if ( '' !== (string) $value ) {
			$html .= ' ' . $name . '="' . esc_attr( $value ) . '"';
		}
	}
	$html .= '></div>';
	wp_enqueue_script( 'candidacy-quiz-embed', candidacy_quiz_url( 'embed.js' ), array(), CANDIDACY_QUIZ_VERSION, true );
	return $html;
}

/**
 * [candidacy_quiz lang="es" mode="popup" protocol="rf-microneedling" button_label="…" title="…"]
 *
 * @param array|string $atts The shortcode's attributes.
 * @return string
 */
function candidacy_quiz_shortcode( $atts ) {
	$atts = shortcode_atts(
		array(
			'lang'         => '',
			'mode'         => '',
			'protocol'     => '',
			'button_label' => '',
			'title'        => '',
		),
		$atts,
		'candidacy_quiz'
	);
	return candidacy_quiz_markup( $atts );
}
add_shortcode( 'candidacy_quiz', 'candidacy_quiz_shortcode' );

/** The block: its editor script is plain JavaScript (no build step); it renders on the server. */
function candidacy_quiz_register_block() {
	wp_register_script(
		'candidacy-quiz-block-editor',
		plugins_url( 'block/index.js', __FILE__ ),
		array( 'wp-blocks', 'wp-element', 'wp-block-editor', 'wp-components', 'wp-i18n' ),
		CANDIDACY_QUIZ_VERSION,
		true
	);
	register_block_type(
		__DIR__ . '/block',
		array(
			'editor_script'   => 'candidacy-quiz-block-editor',
			'render_callback' => 'candidacy_quiz_render_block',
		)
	);
}
add_action( 'init', 'candidacy_quiz_register_block' );

/**
 * The block's markup on the page.
 *
 * @param array $attributes The block's attributes (block.json).
 * @return string
 */
function candidacy_quiz_render_block( $attributes ) {
	return candidacy_quiz_markup(
		array(
			'lang'         => isset( $attributes['lang'] ) ? $attributes['lang'] : '',
			'mode'         => isset( $attributes['mode'] ) ? $attributes['mode'] : '',
			'protocol'     => isset( $attributes['protocol'] ) ? $attributes['protocol'] : '',
			'button_label' => isset( $attributes['buttonLabel'] ) ? $attributes['buttonLabel'] : '',
		)
	);
}

require_once __DIR__ . '/admin/settings.php';
